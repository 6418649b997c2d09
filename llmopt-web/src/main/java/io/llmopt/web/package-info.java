/**
 * The live dashboard behind {@code llmopt serve}: a small HTTP server on the JDK's own
 * {@code com.sun.net.httpserver} that reads the run store and shows runs as they progress.
 *
 * <p>Entry point: {@link io.llmopt.web.DashboardServer#start}. The server is read-only apart from
 * the stop action, binds to the loopback address unless told otherwise, and serves its pages and
 * scripts from the classpath only.
 */
package io.llmopt.web;
