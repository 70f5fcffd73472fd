/**
 * The user guide's examples ({@code docs/*.md}): every {@code java} block of the guide is a region of a file
 * here between {@code // tag::name[]} and {@code // end::name[]}, checked by {@code GuideExamplesTest}; the
 * build compiles them, and {@code GuideIT} runs the ones that can run against a local Prosody.
 */
@NullMarked
package org.reactorxmpp.samples.guide;

import org.jspecify.annotations.NullMarked;
