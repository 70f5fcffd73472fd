/** Implementation of quick contacts; not API. */
@NullMarked
package org.reactorxmpp.im.quickcontacts.internal;

import org.jspecify.annotations.NullMarked;
