package dev.gossip.sim;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The pending events, ordered by time and then by the sequence number each got when pushed, so
 * that events at the same instant run in the order they were scheduled and a run is reproducible.
 *
 * <p>Parallel primitive arrays hold the events; pushing and popping allocate nothing once they
 * have grown, which matters at hundreds of millions of events. Popping copies the event into the
 * {@code current*} fields and frees its slot at once.
 *
 * <p>Two orders over the slots: a FIFO run, which takes every event no earlier than the last one
 * it took (so it is sorted by time, then by sequence number, by construction), and a binary heap
 * for the rest; a pop takes the earlier of the two heads, so the order is exactly that of one
 * heap. Why: with a fixed latency every event is scheduled at {@code now + latency}, later than
 * all pending ones, and a broadcast to a million nodes keeps ten million events pending; a heap
 * of that size costs dozens of cache misses a pop (104 s for one broadcast, 3.9 µs an event),
 * the FIFO one sequential read.
 */
final class EventQueue {

    private long[] time;
    private long[] seq;
    private byte[] kind;
    private int[] target;
    private int[] source;
    private int[] aux;
    private int[] aux2;
    private Object[] payload;
    private int[] heap;
    private int heapSize;
    private int[] fifo;
    private int fifoHead;
    private int fifoCount;
    private long fifoLastTime;
    private int[] free;
    private int freeCount;
    private int slots;
    private long nextSeq;

    long currentTime;
    byte currentKind;
    int currentTarget;
    int currentSource;
    int currentAux;
    int currentAux2;

    @Nullable
    Object currentPayload;

    /** Slots kept when the queue runs empty; more than this are given back to the heap then. */
    private static final int KEPT_SLOTS = 1 << 16;

    EventQueue() {
        reset();
    }

    /**
     * Drops every array for small new ones. A flood to a million nodes keeps ten million events
     * pending (about 50 bytes of arrays each, half a gigabyte); once it is over the arrays would
     * otherwise stay at that size for the rest of the run.
     */
    private void reset() {
        int capacity = 1024;
        time = new long[capacity];
        seq = new long[capacity];
        kind = new byte[capacity];
        target = new int[capacity];
        source = new int[capacity];
        aux = new int[capacity];
        aux2 = new int[capacity];
        payload = new Object[capacity];
        heap = new int[capacity];
        fifo = new int[capacity];
        free = new int[capacity];
        heapSize = 0;
        fifoHead = 0;
        fifoCount = 0;
        freeCount = 0;
        slots = 0;
    }

    int size() {
        return heapSize + fifoCount;
    }

    boolean isEmpty() {
        return size() == 0;
    }

    /**
     * @return the target of the event {@code k} places behind the head of the FIFO run (0 the
     *     head), or -1 if the run is shorter; a hint of what runs soon, not the exact order (an
     *     earlier event may still come from the heap)
     */
    int fifoTarget(int k) {
        return k < fifoCount ? target[fifo[(fifoHead + k) & (fifo.length - 1)]] : -1;
    }

    /** @return the time of the earliest event; only when not empty */
    long peekTime() {
        return time[peekSlot()];
    }

    private int peekSlot() {
        if (fifoCount == 0) {
            return heap[0];
        }
        int first = fifo[fifoHead];
        return heapSize == 0 || before(first, heap[0]) ? first : heap[0];
    }

    void push(
            long at,
            byte eventKind,
            int eventTarget,
            int eventSource,
            int eventAux,
            int eventAux2,
            @Nullable Object eventPayload) {
        int slot = allocate();
        time[slot] = at;
        seq[slot] = nextSeq++;
        kind[slot] = eventKind;
        target[slot] = eventTarget;
        source[slot] = eventSource;
        aux[slot] = eventAux;
        aux2[slot] = eventAux2;
        payload[slot] = eventPayload;
        if (fifoCount == 0 || at >= fifoLastTime) {
            if (fifoCount == fifo.length) {
                int[] grown = new int[fifoCount * 2];
                for (int i = 0; i < fifoCount; i++) {
                    grown[i] = fifo[(fifoHead + i) & (fifoCount - 1)];
                }
                fifo = grown;
                fifoHead = 0;
            }
            fifo[(fifoHead + fifoCount++) & (fifo.length - 1)] = slot; // the length is a power of two
            fifoLastTime = at;
            return;
        }
        if (heapSize == heap.length) {
            heap = Arrays.copyOf(heap, heapSize * 2);
        }
        siftUp(heapSize++, slot);
    }

    /** Removes the earliest event into the {@code current*} fields; only when not empty. */
    void pop() {
        int slot = peekSlot();
        if (fifoCount > 0 && slot == fifo[fifoHead]) {
            fifoHead = (fifoHead + 1) & (fifo.length - 1);
            fifoCount--;
        } else {
            int last = heap[--heapSize];
            if (heapSize > 0) {
                siftDown(0, last);
            }
        }
        currentTime = time[slot];
        currentKind = kind[slot];
        currentTarget = target[slot];
        currentSource = source[slot];
        currentAux = aux[slot];
        currentAux2 = aux2[slot];
        currentPayload = payload[slot];
        payload[slot] = null;
        free[freeCount++] = slot;
        if (slots > KEPT_SLOTS && heapSize == 0 && fifoCount == 0) {
            reset();
        }
    }

    private boolean before(int a, int b) {
        long ta = time[a];
        long tb = time[b];
        return ta < tb || (ta == tb && seq[a] < seq[b]);
    }

    private void siftUp(int index, int slot) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = heap[parent];
            if (!before(slot, p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = slot;
    }

    private void siftDown(int index, int slot) {
        int i = index;
        int half = heapSize >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int c = heap[child];
            int right = child + 1;
            if (right < heapSize && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, slot)) {
                break;
            }
            heap[i] = c;
            i = child;
        }
        heap[i] = slot;
    }

    private int allocate() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slots == time.length) {
            int capacity = slots * 2;
            time = Arrays.copyOf(time, capacity);
            seq = Arrays.copyOf(seq, capacity);
            kind = Arrays.copyOf(kind, capacity);
            target = Arrays.copyOf(target, capacity);
            source = Arrays.copyOf(source, capacity);
            aux = Arrays.copyOf(aux, capacity);
            aux2 = Arrays.copyOf(aux2, capacity);
            payload = Arrays.copyOf(payload, capacity);
            free = Arrays.copyOf(free, capacity);
        }
        return slots++;
    }
}
