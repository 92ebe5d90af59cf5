using System.Threading.Channels;
using V1 = Releat.Contracts.V1;

namespace Releat.Trainer.Training;

/// <summary>
/// One training session of an agent. It runs to its end whether or not anyone watches; watchers get the latest
/// progress at once and every update after it (a slow watcher misses intermediate ones), and the stream ends with it.
/// </summary>
public sealed class TrainingJob
{
    private readonly Lock _gate = new();
    private readonly List<Channel<V1.TrainingProgress>> _watchers = [];
    private V1.TrainingProgress _latest;

    public TrainingJob(string runId, string agentId, DateTime startedUtc)
    {
        RunId = runId;
        AgentId = agentId;
        StartedUtc = startedUtc;
        _latest = new V1.TrainingProgress { RunId = runId, State = V1.TrainingState.Starting };
    }

    public string RunId { get; }

    public string AgentId { get; }

    public DateTime StartedUtc { get; }

    /// <summary>Stops the run after its current update (it then writes a final checkpoint).</summary>
    public CancellationTokenSource Stopping { get; } = new();

    public Task Completion { get; set; } = Task.CompletedTask;

    public string Error { get; private set; } = "";

    public V1.TrainingProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public bool IsFinished => IsTerminal(Latest.State);

    public void Report(V1.TrainingProgress progress, string? error = null)
    {
        lock (_gate)
        {
            // Once stopping is asked for, running updates are shown as stopping until the run ends.
            if (Stopping.IsCancellationRequested && progress.State == V1.TrainingState.Running)
            {
                progress.State = V1.TrainingState.Stopping;
            }

            _latest = progress;
            Error = error ?? Error;
            foreach (Channel<V1.TrainingProgress> watcher in _watchers)
            {
                watcher.Writer.TryWrite(progress);
                if (IsTerminal(progress.State))
                {
                    watcher.Writer.TryComplete();
                }
            }

            if (IsTerminal(progress.State))
            {
                _watchers.Clear();
            }
        }
    }

    public ChannelReader<V1.TrainingProgress> Watch()
    {
        var channel = Channel.CreateBounded<V1.TrainingProgress>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_latest);
            if (IsTerminal(_latest.State))
            {
                channel.Writer.TryComplete();
            }
            else
            {
                _watchers.Add(channel);
            }
        }

        return channel.Reader;
    }

    private static bool IsTerminal(V1.TrainingState state) =>
        state is V1.TrainingState.Completed or V1.TrainingState.Stopped or V1.TrainingState.Failed;
}
