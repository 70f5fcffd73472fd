/**
 * User geolocation (XEP-0080) over PEP: the immutable {@link org.reactorxmpp.im.geoloc.Geoloc}, its codec,
 * and {@link org.reactorxmpp.im.geoloc.GeoLocation} (publish mine, stop, contacts' locations).
 *
 * <pre>{@code
 * GeoLocation geo = GeoLocation.of(session);
 * geo.locations().subscribe(l -> System.out.println(l.contact() + " is in " + l.geoloc().locality()));
 * geo.publish(Geoloc.builder().locality("Verona").lat(45.43).lon(10.99).build()).subscribe();
 * }</pre>
 */
@NullMarked
package org.reactorxmpp.im.geoloc;

import org.jspecify.annotations.NullMarked;
