/**
 * JUnit 5 support for the test kit: {@link io.github.telnetsrv.test.junit.TestSessionExtension} starts a
 * {@link io.github.telnetsrv.test.TestSession} for each test parameter and closes it after the test. Needs
 * JUnit Jupiter's API, which the kit declares as an optional dependency.
 */
package io.github.telnetsrv.test.junit;
