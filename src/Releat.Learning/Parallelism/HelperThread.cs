using System.Runtime.ExceptionServices;

namespace Releat.Learning.Parallelism;

/// <summary>
/// One dedicated background thread that runs a fixed piece of work each time it is released, while the caller does
/// its own share; for splitting a step across two cores with no allocation and no thread-pool queueing. The handoff
/// spins briefly before sleeping, because the work items are tens of microseconds long.
/// </summary>
public sealed class HelperThread : IDisposable
{
    private readonly Action _work;
    private readonly ManualResetEventSlim _released = new(false, spinCount: 2000);
    private readonly ManualResetEventSlim _finished = new(false, spinCount: 2000);
    private readonly Thread _thread;
    private ExceptionDispatchInfo? _failure;
    private volatile bool _stopping;

    public HelperThread(string name, Action work)
    {
        _work = work;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>Starts the work on the helper thread and returns at once.</summary>
    public void Release()
    {
        _finished.Reset();
        _released.Set();
    }

    /// <summary>Waits for the released work to finish, rethrowing what it threw.</summary>
    public void Join()
    {
        _finished.Wait();
        ExceptionDispatchInfo? failure = Interlocked.Exchange(ref _failure, null);
        failure?.Throw();
    }

    public void Dispose()
    {
        _stopping = true;
        _released.Set();
        _thread.Join();
        _released.Dispose();
        _finished.Dispose();
    }

    private void Run()
    {
        while (true)
        {
            _released.Wait();
            _released.Reset();
            if (_stopping)
            {
                return;
            }

            try
            {
                _work();
            }
#pragma warning disable CA1031 // Any failure of the work is carried to the caller's Join.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _failure = ExceptionDispatchInfo.Capture(e);
            }

            _finished.Set();
        }
    }
}
