using System.Collections.Concurrent;

namespace Releat.Grpc.Tests.Support;

/// <summary>What the test service's handlers observed, for tests to assert on from outside the call.</summary>
public sealed class CallJournal
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _cancelled = new();
    private readonly ConcurrentDictionary<string, int> _flakyCalls = new();
    private int _crashCalls;

    public int CrashCalls => Volatile.Read(ref _crashCalls);

    public void RecordCrash() => Interlocked.Increment(ref _crashCalls);

    public void RecordCancelled(string id) => Signal(id).TrySetResult();

    public async Task<bool> WaitForCancelledAsync(string id, TimeSpan timeout)
    {
        try
        {
            await Signal(id).Task.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public int NextFlakyCall(string key) => _flakyCalls.AddOrUpdate(key, 1, (_, calls) => calls + 1);

    public int FlakyCalls(string key) => _flakyCalls.GetValueOrDefault(key);

    private TaskCompletionSource Signal(string id) =>
        _cancelled.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
