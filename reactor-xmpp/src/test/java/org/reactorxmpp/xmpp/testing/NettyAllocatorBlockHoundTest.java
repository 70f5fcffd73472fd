package org.reactorxmpp.xmpp.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.netty.resources.LoopResources;

/**
 * {@link NettyAllocatorBlockHound}: event loops that allocate buffers past 16 KiB together from a new Netty
 * allocator make it grow its shared magazines, which waits on a lock inside Netty; without the allowance BlockHound
 * fails the first round (seen: {@code Magazine.free} from {@code MagazineGroup.tryExpandMagazines}). A real
 * blocking call on the same loops is still reported.
 */
class NettyAllocatorBlockHoundTest {

    private final LoopResources loops = LoopResources.create("allocator-test", 2, true);

    @AfterEach
    void dispose() {
        loops.disposeLater().block();
    }

    @Test
    void growingTheAllocatorsSharedMagazinesOnEventLoopsIsNotReported() throws Exception {
        EventLoopGroup group = loops.onClient(true);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int round = 0; round < 200 && errors.isEmpty(); round++) {
            AdaptiveByteBufAllocator allocator = new AdaptiveByteBufAllocator(true);
            CountDownLatch done = new CountDownLatch(4);
            for (int t = 0; t < 4; t++) {
                group.next().execute(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            ByteBuf b = allocator.directBuffer(32 * 1024 + (i % 7) * 4096);
                            b.writeZero(1024);
                            b.release();
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(30, TimeUnit.SECONDS)).as("round %d finished", round).isTrue();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void aBlockingCallOnTheSameLoopsIsStillReported() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        loops.onClient(true).next().execute(() -> {
            try {
                Thread.sleep(1);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(BlockingOperationError.class);
    }
}
