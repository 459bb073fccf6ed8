/**
 * A test kit for handler subclasses: {@link io.github.telnetsrv.test.TestSession} serves a handler over an
 * in-memory connection on the threads of either runtime and plays the terminal at the other end; keys are
 * {@link io.github.telnetsrv.test.Key}s, and what a user would see is a {@link io.github.telnetsrv.test.Screen}.
 */
package io.github.telnetsrv.test;
