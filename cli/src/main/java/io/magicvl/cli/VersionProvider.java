package io.magicvl.cli;

import io.magicvl.core.Toolchain;
import picocli.CommandLine;

/** Prints the toolchain version and the commit it was built from. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"magicvl " + Toolchain.version() + " (commit " + Toolchain.commit() + ")"};
    }
}
