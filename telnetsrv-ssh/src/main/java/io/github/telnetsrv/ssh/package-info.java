/**
 * telnetsrv over SSH: the handlers written for Telnet, served over SSH on Apache MINA SSHD ({@link
 * io.github.telnetsrv.ssh.SshServer}, {@link io.github.telnetsrv.ssh.SshServerConfig}).
 *
 * <p>This module runs on the class path, not the module path: Apache MINA SSHD splits packages across its jars
 * ({@code sshd-common}, {@code sshd-core}), which the module system refuses. The runtime (virtual or platform
 * threads) is found on the class path, as for Telnet.
 */
package io.github.telnetsrv.ssh;
