package io.github.telnetsrv.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.telnetsrv.Command;
import io.github.telnetsrv.CommandDeclarationException;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registers a handler that lives in a real named module which does not open its package. */
class ClosedModuleTest {

    @TempDir
    Path dir;

    @Test
    void aHandlerInAModuleThatDoesNotOpenItsPackageAsksForTheOpens() throws Exception {
        Class<?> handlerClass = compileAndLoad("""
                module closed.handlers {
                    exports closed.handlers;
                }
                """, """
                package closed.handlers;

                import io.github.telnetsrv.Command;

                public class ClosedHandler {
                    @Command(value = "echo", help = "\\nEcho")
                    void echo() {
                    }
                }
                """);
        CommandDeclarationException thrown =
                assertThrows(CommandDeclarationException.class, () -> CommandRegistry.of(handlerClass));
        assertEquals("closed.handlers.ClosedHandler.echo(): cannot be called by telnetsrv; open its package to the"
                + " module (expected: `opens closed.handlers to io.github.telnetsrv;` in the module-info.java of"
                + " closed.handlers)", thrown.getMessage());
    }

    @Test
    void aHandlerInAnOpenModuleIsRegistered() throws Exception {
        Class<?> handlerClass = compileAndLoad("""
                open module closed.handlers {
                }
                """, """
                package closed.handlers;

                import io.github.telnetsrv.Command;

                public class ClosedHandler {
                    @Command(value = "echo", help = "\\nEcho")
                    void echo() {
                    }
                }
                """);
        assertEquals(List.of("ECHO"), CommandRegistry.of(handlerClass).visibleNames());
    }

    private Class<?> compileAndLoad(String moduleInfo, String handler) throws IOException, ReflectiveOperationException, URISyntaxException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("out");
        Files.createDirectories(src.resolve("closed/handlers"));
        Files.writeString(src.resolve("module-info.java"), moduleInfo);
        Files.writeString(src.resolve("closed/handlers/ClosedHandler.java"), handler);
        String annotationPath = Path.of(Command.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        int status = javac.run(System.out, System.err, "-d", out.toString(), "-classpath", annotationPath,
                "--add-reads", "closed.handlers=ALL-UNNAMED",
                src.resolve("module-info.java").toString(), src.resolve("closed/handlers/ClosedHandler.java").toString());
        assertEquals(0, status, "javac status");
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(out), ModuleFinder.of(), Set.of("closed.handlers"));
        ModuleLayer layer = ModuleLayer.boot()
                .defineModulesWithOneLoader(configuration, ClosedModuleTest.class.getClassLoader());
        return layer.findLoader("closed.handlers").loadClass("closed.handlers.ClosedHandler");
    }
}
