/** In-band registration (XEP-0077): {@link org.reactorxmpp.im.register.InBandRegistration}. */
@NullMarked
package org.reactorxmpp.im.register;

import org.jspecify.annotations.NullMarked;
