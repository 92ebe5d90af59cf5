using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Releat.Training.Runs;

namespace Releat.Trainer.Training;

/// <summary>
/// The trainer's figures in the "Releat.Trainer" meter, per agent: environment steps and PPO updates trained (counters,
/// so a dashboard takes their rate for steps/s and updates/s), and the last update's throughput, mean episode reward,
/// losses, entropy and KL (gauges), plus runs active and runs finished by how they ended.
/// </summary>
public sealed class TrainingMetrics : IDisposable
{
    public const string MeterName = "Releat.Trainer";

    private readonly Meter _meter;
    private readonly Counter<long> _steps;
    private readonly Counter<long> _updates;
    private readonly Counter<long> _runs;
    private readonly ConcurrentDictionary<string, AgentFigures> _byAgent = new(StringComparer.Ordinal);

    public TrainingMetrics(IMeterFactory? factory = null)
    {
        _meter = factory?.Create(MeterName) ?? new Meter(MeterName);
        _steps = _meter.CreateCounter<long>("releat.training.steps", "{step}", "Environment steps trained, by agent");
        _updates = _meter.CreateCounter<long>("releat.training.updates", "{update}", "PPO updates (one per rollout), by agent");
        _runs = _meter.CreateCounter<long>("releat.training.runs", "{run}", "Training runs finished, by agent and result (completed, stopped, failed)");
        _meter.CreateObservableGauge("releat.training.active_runs", () => _byAgent.Values.Count(a => a.Active), "{run}", "Training runs in progress");
        Gauge("releat.training.steps_per_second", a => a.StepsPerSecond, "{step}/s", "Environment steps per second of the run's current session");
        Gauge("releat.training.episode_reward", a => a.MeanEpisodeReward, null, "Mean return of the last 20 finished episodes");
        Gauge("releat.training.progress", a => a.TotalSteps > 0 ? (double)a.Steps / a.TotalSteps : 0, null, "Share of the run's total steps done (0 to 1)");
        Gauge("releat.training.policy_loss", a => a.PolicyLoss, null, "Clipped surrogate loss of the last update");
        Gauge("releat.training.value_loss", a => a.ValueLoss, null, "Value loss of the last update");
        Gauge("releat.training.entropy", a => a.Entropy, null, "Mean policy entropy of the last update");
        Gauge("releat.training.approx_kl", a => a.ApproxKl, null, "Approximate KL divergence of the last update from the rollout policy");
    }

    /// <summary>Counts one progress report of a run: the steps since its previous report, and one update per training report.</summary>
    public void Observe(string agentId, TrainingProgress progress)
    {
        var figures = _byAgent.GetOrAdd(agentId, static _ => new AgentFigures());
        var tag = new KeyValuePair<string, object?>("agent", agentId);
        lock (figures)
        {
            if (progress.Stage is TrainingStage.Training)
            {
                // A run's first report counts its first rollout (steps per update = global steps / updates, the same
                // for a resumed run); later reports count the steps since the previous one.
                long trained = figures.Active ? progress.Steps - figures.Steps
                    : progress.Update is { Iteration: > 0 } first ? first.GlobalStep / first.Iteration : 0;
                if (trained > 0)
                {
                    _steps.Add(trained, tag);
                }

                if (progress.Update is { } update)
                {
                    _updates.Add(1, tag);
                    figures.PolicyLoss = update.PolicyLoss;
                    figures.ValueLoss = update.ValueLoss;
                    figures.Entropy = update.Entropy;
                    figures.ApproxKl = update.ApproxKl;
                }

                figures.Active = true;
                figures.Steps = progress.Steps;
                figures.TotalSteps = progress.TotalSteps;
                figures.StepsPerSecond = progress.StepsPerSecond;
                figures.MeanEpisodeReward = double.IsFinite(progress.MeanEpisodeReward) ? progress.MeanEpisodeReward : figures.MeanEpisodeReward;
            }
        }
    }

    /// <summary>A run ended: "completed", "stopped" or "failed".</summary>
    public void RunFinished(string agentId, string result)
    {
        var figures = _byAgent.GetOrAdd(agentId, static _ => new AgentFigures());
        lock (figures)
        {
            figures.Active = false;
            figures.StepsPerSecond = 0;
        }

        _runs.Add(1, new KeyValuePair<string, object?>("agent", agentId), new KeyValuePair<string, object?>("result", result));
    }

    public void Dispose() => _meter.Dispose();

    private void Gauge(string name, Func<AgentFigures, double> read, string? unit, string description) =>
        _meter.CreateObservableGauge(name, () => Observe(read), unit, description);

    private IEnumerable<Measurement<double>> Observe(Func<AgentFigures, double> read)
    {
        foreach (var (agent, figures) in _byAgent)
        {
            double value;
            lock (figures)
            {
                value = read(figures);
            }

            yield return new Measurement<double>(value, new KeyValuePair<string, object?>("agent", agent));
        }
    }

    /// <summary>The last figures of one agent's runs in this process.</summary>
    private sealed class AgentFigures
    {
        public bool Active { get; set; }

        public long Steps { get; set; }

        public long TotalSteps { get; set; }

        public double StepsPerSecond { get; set; }

        public double MeanEpisodeReward { get; set; }

        public double PolicyLoss { get; set; }

        public double ValueLoss { get; set; }

        public double Entropy { get; set; }

        public double ApproxKl { get; set; }
    }
}
