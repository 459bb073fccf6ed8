/**
 * Command registration, bash-like parameter parsing and help formatting.
 *
 * <p>Registration is computed once per handler class and shared by every session of that class.
 */
package io.github.telnetsrv.command;
