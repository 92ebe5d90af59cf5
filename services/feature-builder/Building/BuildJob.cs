using System.Threading.Channels;
using V1 = Releat.Contracts.V1;

namespace Releat.FeatureBuilder.Building;

/// <summary>
/// One dataset build. It runs to its end whether or not anyone watches; watchers get the latest progress at once
/// and every update after it, and the stream ends when the job does.
/// </summary>
public sealed class BuildJob
{
    private readonly Lock _gate = new();
    private readonly List<Channel<V1.BuildProgress>> _watchers = [];
    private V1.BuildProgress _latest;

    public BuildJob(string jobId, string agentId)
    {
        JobId = jobId;
        AgentId = agentId;
        _latest = new V1.BuildProgress { JobId = jobId, AgentId = agentId, State = V1.JobState.Queued, Stage = "queued" };
    }

    public string JobId { get; }

    public string AgentId { get; }

    public V1.BuildProgress Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public bool IsFinished => Latest.State is V1.JobState.Succeeded or V1.JobState.Failed or V1.JobState.Cancelled;

    /// <summary>Records an update and passes it to every watcher; a watcher too slow to keep up only misses intermediate steps.</summary>
    public void Report(V1.BuildProgress progress)
    {
        lock (_gate)
        {
            _latest = progress;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(progress);
                if (IsTerminal(progress))
                {
                    watcher.Writer.TryComplete();
                }
            }

            if (IsTerminal(progress))
            {
                _watchers.Clear();
            }
        }
    }

    /// <summary>The current progress, then every update until the job ends.</summary>
    public ChannelReader<V1.BuildProgress> Watch()
    {
        var channel = Channel.CreateBounded<V1.BuildProgress>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            channel.Writer.TryWrite(_latest);
            if (IsTerminal(_latest))
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

    private static bool IsTerminal(V1.BuildProgress progress) =>
        progress.State is V1.JobState.Succeeded or V1.JobState.Failed or V1.JobState.Cancelled;
}
