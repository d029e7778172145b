package dev.strata.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "dev" when run from classes. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"strata " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
