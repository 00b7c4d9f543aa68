package io.magicvl.core.audit;

import io.magicvl.core.model.Component;
import io.magicvl.core.model.ModelConfig;
import io.magicvl.core.model.ModelLayout;
import io.magicvl.core.recipe.AuditSection;
import io.magicvl.core.safetensors.Checkpoint;
import io.magicvl.core.tensor.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits a training run stage by stage: which tensors each stage changed per component,
 * whether frozen components stayed bit-identical, and whether any tensor contains NaN or
 * infinity, is all zeros, or changed dtype or shape.
 *
 * <p>An all-zero bias is only a warning in the first stage and in stages that freeze its
 * component, because zero is the usual initial value of a bias (MagicVL-nano's stage 0
 * re-initializes the projector); anywhere else an all-zero tensor is a violation.
 */
public final class RunAuditor {
    private static final Logger LOG = LoggerFactory.getLogger(RunAuditor.class);

    private final CurriculumRules rules;
    private final List<String> allowAllZero;
    private final Set<String> overriddenStages;

    public RunAuditor(AuditSection section) {
        this.rules = new CurriculumRules(section);
        this.allowAllZero = section == null ? List.of() : section.allowAllZero();
        this.overriddenStages = section == null ? Set.of() : section.trainable().keySet();
    }

    /**
     * Audits the run in {@code run}.
     *
     * @throws io.magicvl.core.MagicvlException (invalid input) if the run has no stages or the
     *     recipe overrides a stage the run does not have
     */
    public AuditReport audit(Path run) {
        List<RunStage> stages = StageDiscovery.discover(run);
        for (String key : overriddenStages) {
            boolean known = stages.stream().anyMatch(s -> s.name().equals(key) || Integer.toString(s.number()).equals(key));
            if (!known) {
                throw io.magicvl.core.MagicvlException.invalidInput("The recipe's audit.trainable names stage '" + key
                        + "', which " + run + " does not have. Use a stage number or folder name of the run: "
                        + String.join(", ", stages.stream().map(RunStage::name).toList()) + ".");
            }
        }
        List<AuditReport.StageReport> reports = new ArrayList<>();
        List<AuditReport.Finding> violations = new ArrayList<>();
        List<AuditReport.Finding> warnings = new ArrayList<>();
        TensorScan.Scanner scanner = new TensorScan.Scanner();

        Checkpoint previous = null;
        RunStage previousStage = null;
        try {
            for (RunStage stage : stages) {
                LOG.info("Auditing {}{}", stage.name(), previousStage == null ? "" : " against " + previousStage.name());
                Checkpoint current = Checkpoint.open(stage.folder());
                try {
                    reports.add(auditStage(stage, current, previousStage, previous, scanner, violations, warnings));
                } catch (RuntimeException e) {
                    current.close();
                    throw e;
                }
                if (previous != null) {
                    previous.close();
                }
                previous = current;
                previousStage = stage;
            }
        } finally {
            if (previous != null) {
                previous.close();
            }
        }
        return new AuditReport(run.toString(), reports, violations, warnings);
    }

    private AuditReport.StageReport auditStage(RunStage stage, Checkpoint current, RunStage previousStage,
            Checkpoint previous, TensorScan.Scanner scanner, List<AuditReport.Finding> violations,
            List<AuditReport.Finding> warnings) {
        String name = stage.name();
        ModelLayout layout = ModelConfig.read(stage.folder()).layout();
        for (String problem : layout.check(current).problems()) {
            violations.add(new AuditReport.Finding(name, null, "layout", problem));
        }
        Optional<Set<Component>> allowed = previous == null ? Optional.empty() : rules.allowed(stage);
        if (previous == null && stage.number() > 0) {
            warnings.add(new AuditReport.Finding(name, null, "no-previous-stage", "The first stage of the run is stage "
                    + stage.number() + "; its changes cannot be checked without the stage before it."));
        }
        checkDeclared(stage, allowed, warnings);

        Map<Component, int[]> counts = new EnumMap<>(Component.class);
        Map<Component, long[]> changedParameters = new EnumMap<>(Component.class);
        Map<Component, double[]> maxDiff = new EnumMap<>(Component.class);
        for (TensorInfo info : current.tensors()) {
            String tensor = info.name();
            Component component = layout.componentOf(tensor).orElse(Component.UNUSED);
            int[] count = counts.computeIfAbsent(component, c -> new int[2]);
            count[0]++;
            TensorInfo before = previous == null ? null : previous.find(tensor).orElse(null);
            if (previous != null && before == null) {
                violations.add(new AuditReport.Finding(name, tensor, "added",
                        "Tensor '" + tensor + "' is new in " + name + " (absent from " + previousStage.name() + ")."));
            }
            boolean comparable = before != null && before.dtype() == info.dtype()
                    && java.util.Arrays.equals(before.shape(), info.shape());
            if (before != null && !comparable) {
                violations.add(new AuditReport.Finding(name, tensor, "dtype-or-shape",
                        "Tensor '" + tensor + "' changed from " + before.dtype() + " " + before.shapeText() + " in "
                                + previousStage.name() + " to " + info.dtype() + " " + info.shapeText() + "."));
            }
            TensorScan scan = scanner.scan(current, info, comparable ? previous : null);
            boolean changed = scan.changed() || (before != null && !comparable);
            if (changed) {
                count[1]++;
                changedParameters.computeIfAbsent(component, c -> new long[1])[0] += info.elementCount();
                double[] max = maxDiff.computeIfAbsent(component, c -> new double[1]);
                max[0] = Math.max(max[0], scan.maxAbsDiff());
                if (allowed.isPresent() && !allowed.get().contains(component)) {
                    violations.add(new AuditReport.Finding(name, tensor, "frozen-changed", "Tensor '" + tensor
                            + "' (" + component.id() + ") changed in " + name + " (max |diff| "
                            + String.format("%.3g", scan.maxAbsDiff()) + " against " + previousStage.name()
                            + ") but stage " + stage.number() + " must keep " + component.id() + " frozen."));
                }
            }
            if (scan.nanCount() > 0 || scan.infCount() > 0) {
                violations.add(new AuditReport.Finding(name, tensor, "not-finite", "Tensor '" + tensor + "' in "
                        + name + " has " + scan.nanCount() + " NaN and " + scan.infCount() + " infinite values."));
            }
            if (scan.allZero() && !allowAllZero.contains(tensor)) {
                boolean frozenOrFirst = allowed.isEmpty() || !allowed.get().contains(component);
                boolean initialBias = tensor.endsWith(".bias") && frozenOrFirst;
                (initialBias ? warnings : violations).add(new AuditReport.Finding(name, tensor, "all-zero",
                        "Tensor '" + tensor + "' in " + name + " is all zeros"
                                + (initialBias ? " (a bias at its initial value)." : ".")));
            }
        }
        if (previous != null) {
            for (TensorInfo old : previous.tensors()) {
                if (!current.contains(old.name())) {
                    violations.add(new AuditReport.Finding(name, old.name(), "removed", "Tensor '" + old.name()
                            + "' of " + previousStage.name() + " is missing from " + name + "."));
                }
            }
        }

        Map<Component, AuditReport.ComponentChange> components = new EnumMap<>(Component.class);
        for (Map.Entry<Component, int[]> entry : counts.entrySet()) {
            Component component = entry.getKey();
            components.put(component, new AuditReport.ComponentChange(entry.getValue()[0], entry.getValue()[1],
                    changedParameters.getOrDefault(component, new long[1])[0],
                    maxDiff.getOrDefault(component, new double[1])[0]));
            if (allowed.isPresent() && allowed.get().contains(component) && component != Component.UNUSED
                    && entry.getValue()[1] == 0) {
                warnings.add(new AuditReport.Finding(name, null, "trainable-unchanged", "Stage " + stage.number()
                        + " may train " + component.id() + " but none of its " + entry.getValue()[0]
                        + " tensors changed."));
            }
        }
        return new AuditReport.StageReport(stage.number(), name, stage.folder().toString(),
                previousStage == null ? null : previousStage.name(), stage.declaredTrainable(),
                allowed.map(set -> List.copyOf(set)).orElse(null), components);
    }

    /** Warns when trainer_state.json declares other trainable modules than the rule allows. */
    private static void checkDeclared(RunStage stage, Optional<Set<Component>> allowed,
            List<AuditReport.Finding> warnings) {
        if (stage.declaredTrainable().isEmpty() || allowed.isEmpty()) {
            return;
        }
        Set<Component> declared;
        try {
            declared = CurriculumRules.components(stage.declaredTrainable(), stage.folder() + "/trainer_state.json");
        } catch (RuntimeException e) {
            warnings.add(new AuditReport.Finding(stage.name(), null, "declared-unknown", e.getMessage()));
            return;
        }
        Set<Component> comparable = java.util.EnumSet.copyOf(allowed.get());
        if (!comparable.containsAll(declared)) {
            warnings.add(new AuditReport.Finding(stage.name(), null, "declared-mismatch", "trainer_state.json of "
                    + stage.name() + " declares " + stage.declaredTrainable() + " trainable, but the curriculum"
                    + " allows only " + comparable + " in stage " + stage.number() + "."));
        }
    }
}
