package org.reactorxmpp.xmpp.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Lets BlockHound accept the one wait that Netty's default allocator (4.2's {@code AdaptivePoolingAllocator})
 * makes on purpose: when its shared group of magazines for buffers past 16 KiB grows (at most a few times per
 * JVM), {@code MagazineGroup.tryExpandMagazines} frees each old magazine with {@code Magazine.free()}, which takes
 * the magazine's {@code StampedLock} with a blocking {@code writeLock()} and parks while another thread is still
 * allocating in it. Netty's own BlockHound integration (4.2.17) allows the allocator's thread-local magazine
 * set-up and removal but not this path; a flood test over TCP failed once with what fits this path ("Blocking call!
 * jdk.internal.misc.Unsafe#park" on the receiving event loop, whose read buffer grows past 16 KiB in a flood while the
 * sending event loop allocates 64 KiB write batches; that run did not record the stack). It is Netty's, bounded, and not a blocking call of ours;
 * everything else stays reported. Loaded by BlockHound's {@code ServiceLoader} from this test tree and, through the
 * test-jar, from every module's tests.
 */
public final class NettyAllocatorBlockHound implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
