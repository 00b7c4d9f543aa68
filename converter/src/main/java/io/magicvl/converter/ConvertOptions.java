package io.magicvl.converter;

import java.nio.file.Path;

/**
 * Options of one {@link Converter#convert} run.
 *
 * @param checkpoint the Hugging Face checkpoint folder
 * @param out the export folder to write
 * @param precision {@code fp32} or {@code fp16}, or null for the recipe's (else fp32)
 * @param recipe a recipe file, or null
 * @param parity parity mode, or null for the recipe's (else quick)
 * @param force replace an existing output folder
 */
public record ConvertOptions(Path checkpoint, Path out, String precision, Path recipe, ParityMode parity,
        boolean force) {}
