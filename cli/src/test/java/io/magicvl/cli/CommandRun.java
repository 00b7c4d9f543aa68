package io.magicvl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one magicvl command line in-process and keeps its exit code, stdout and stderr. */
record CommandRun(int exitCode, String out, String err) {
    static CommandRun of(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
