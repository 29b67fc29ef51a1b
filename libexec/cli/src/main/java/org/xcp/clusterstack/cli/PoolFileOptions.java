package org.xcp.clusterstack.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.selector.InstalledStacks;
import org.xcp.clusterstack.selector.PoolRecordStore;
import org.xcp.clusterstack.selector.StackSelector;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.StackRoot;
import org.xcp.clusterstack.xapiconf.SupportedSrs;
import org.xcp.clusterstack.xapiconf.XapiConf;
import org.xcp.clusterstack.xapiconf.XapiConfReader;
import picocli.CommandLine.Option;

/** The options the selector commands share: the pool document, the record file, xapi.conf. */
final class PoolFileOptions {
    /** {@code --pool FILE|-}: the pool document. */
    static final class Document {
        @Option(names = "--pool", paramLabel = "FILE|-", required = true,
                description = "The pool document (JSON, see docs/selector.md), or - for standard input.")
        String pool;

        PoolDocument read() {
            return PoolDocument.read(pool, System.in);
        }
    }

    /** {@code --state FILE}: where the pool record lives. */
    static final class State {
        @Option(names = "--state", paramLabel = "FILE", defaultValue = "/var/lib/cluster-stack/pool.json",
                description = "The pool record: ha_enabled and ha_cluster_stack (default: ${DEFAULT-VALUE}).")
        Path state = PoolRecordStore.DEFAULT_FILE;

        PoolRecordStore store() {
            return new PoolRecordStore(state);
        }
    }

    /** {@code --xapi-conf}, {@code --xapi-conf-dir}: {@code cluster-stack-default} and {@code cluster-stack-root}. */
    static final class Conf {
        @Option(names = "--xapi-conf", paramLabel = "FILE", defaultValue = XapiConfReader.DEFAULT_CONF_FILE_NAME,
                description = "xapi's config file (default: ${DEFAULT-VALUE}).")
        Path confFile;

        @Option(names = "--xapi-conf-dir", paramLabel = "DIR", defaultValue = XapiConfReader.DEFAULT_CONF_DIR_NAME,
                description = "xapi's fragment directory, read after FILE in name order (default: ${DEFAULT-VALUE}).")
        Path confDir;

        private XapiConf conf;

        XapiConf conf() {
            if (conf == null) {
                conf = XapiConfReader.read(confFile, confDir);
            }
            return conf;
        }

        /** @throws HaException 16 if {@code cluster-stack-default} is not a valid stack name */
        StackSelector selector() {
            return new StackSelector(conf().defaultStack());
        }

        /**
         * The master's stacks: under the document's {@code cluster_stack_root} if it has one, else under
         * xapi.conf's {@code cluster-stack-root}, which must then pass the start-up check.
         */
        /** {@link #master}, found (and checked) only when first asked. */
        InstalledStacks lazyMaster(PoolDocument document) {
            return new InstalledStacks() {
                private InstalledStacks found;

                @Override
                public boolean isInstalled(StackName name) {
                    return master().isInstalled(name);
                }

                @Override
                public SupportedSrs supportedSrs(StackName name) {
                    return master().supportedSrs(name);
                }

                @Override
                public String toString() {
                    return master().toString();
                }

                private InstalledStacks master() {
                    if (found == null) {
                        found = Conf.this.master(document);
                    }
                    return found;
                }
            };
        }

        InstalledStacks master(PoolDocument document) {
            if (document.clusterStackRoot().isEmpty()) {
                return InstalledStacks.in(conf().validate().stackRoot());
            }
            Path root = document.clusterStackRoot().get();
            if (!Files.isDirectory(root)) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cluster_stack_root " + root + " (from "
                        + document.source() + ") " + (Files.exists(root) ? "is not a directory" : "does not exist"));
            }
            return InstalledStacks.in(new StackRoot(root));
        }
    }

    private PoolFileOptions() {
    }
}
