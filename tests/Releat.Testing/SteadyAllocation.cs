namespace Releat.Testing;

/// <summary>
/// What a hot path allocates on the current thread once it is warm. The runtime's own warm-up (tiered compilation,
/// on-stack replacement, type loading) can allocate in the first calls, and one warm-up pass does not always get past
/// it on a busy machine; so the window is run again until two windows in a row allocate nothing (steady), up to a
/// limit. Code that allocates on every call never gets there, and the last window's bytes are returned.
/// </summary>
public static class SteadyAllocation
{
    public static long BytesPerWindow(Action window, int maxWindows = 50)
    {
        ArgumentNullException.ThrowIfNull(window);
        long last = 0;
        int clean = 0;
        for (int i = 0; i < maxWindows && clean < 2; i++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            window();
            last = GC.GetAllocatedBytesForCurrentThread() - before;
            clean = last == 0 ? clean + 1 : 0;
        }

        return last;
    }
}
