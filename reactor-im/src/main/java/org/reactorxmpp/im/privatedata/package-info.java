/** Private XML storage (XEP-0049): {@link org.reactorxmpp.im.privatedata.PrivateStorage}. */
@NullMarked
package org.reactorxmpp.im.privatedata;

import org.jspecify.annotations.NullMarked;
