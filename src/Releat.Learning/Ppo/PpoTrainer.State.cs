using Releat.Learning.Environments;
using Releat.Learning.Numerics;
using Releat.Randomness;

namespace Releat.Learning.Ppo;

/// <summary>The trainer's checkpoint state: what <see cref="PpoTrainerState"/> holds, captured and restored.</summary>
public sealed partial class PpoTrainer
{
    /// <summary>The run's position and every random or pending quantity (see <see cref="PpoTrainerState"/>).</summary>
    public PpoTrainerState CaptureState()
    {
        RandomState random = Random.CaptureState();
        return new PpoTrainerState
        {
            Iteration = Iteration,
            GlobalStep = GlobalStep,
            RandomState = [random.S0, random.S1, random.S2, random.S3],
            NetworkRandomStates = [.. NetworkRandoms().Select(r => { RandomState s = r.CaptureState(); return new[] { s.S0, s.S1, s.S2, s.S3 }; })],
            NextObservations = [.. _nextObservations],
            NextDones = [.. _nextDones],
            NextMasks = [.. _nextMasks],
            RewardDiscountedReturns = _rewardNormalizer?.DiscountedReturns.ToArray(),
            RewardReturnStatistics = _rewardNormalizer is null ? null
                : [_rewardNormalizer.ReturnStatistics.Mean, _rewardNormalizer.ReturnStatistics.Variance, _rewardNormalizer.ReturnStatistics.Count],
            RecentReturns = RecentReturns.ToArray(),
            TotalEpisodes = RecentReturns.TotalEpisodes,
            EnvironmentState = _envs is ICheckpointableEnvironment env ? Convert.ToBase64String(env.CaptureState()) : null,
        };
    }

    public void RestoreState(PpoTrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextObservations.Length != _nextObservations.Length || state.NextDones.Length != _nextDones.Length
            || state.NextMasks.Length != _nextMasks.Length || state.RandomState.Length != 4)
        {
            throw new ArgumentException("PpoTrainer.RestoreState: the saved state was made for a different number of environments, observations or actions.", nameof(state));
        }

        Iteration = state.Iteration;
        GlobalStep = state.GlobalStep;
        Random.RestoreState(new RandomState(state.RandomState[0], state.RandomState[1], state.RandomState[2], state.RandomState[3]));
        SeededRandom[] networkRandoms = NetworkRandoms();
        if (state.NetworkRandomStates.Length != networkRandoms.Length)
        {
            throw new ArgumentException(
                $"PpoTrainer.RestoreState: the saved state has {state.NetworkRandomStates.Length} network random streams, these networks have {networkRandoms.Length}.", nameof(state));
        }

        for (int i = 0; i < networkRandoms.Length; i++)
        {
            ulong[] s = state.NetworkRandomStates[i];
            networkRandoms[i].RestoreState(new RandomState(s[0], s[1], s[2], s[3]));
        }

        state.NextObservations.CopyTo(_nextObservations, 0);
        state.NextDones.CopyTo(_nextDones, 0);
        state.NextMasks.CopyTo(_nextMasks, 0);
        if (_rewardNormalizer is not null && state.RewardDiscountedReturns is { } returns && state.RewardReturnStatistics is { Length: 3 } stats)
        {
            returns.CopyTo(_rewardNormalizer.DiscountedReturns);
            _rewardNormalizer.ReturnStatistics.Restore(stats[0], stats[1], stats[2]);
        }

        RecentReturns.Restore(state.RecentReturns, state.TotalEpisodes);
        if (state.EnvironmentState is not null)
        {
            if (_envs is not ICheckpointableEnvironment env)
            {
                throw new InvalidOperationException("PpoTrainer.RestoreState: the checkpoint holds environment state but these environments cannot restore it.");
            }

            env.RestoreState(Convert.FromBase64String(state.EnvironmentState));
        }
    }

    private SeededRandom[] NetworkRandoms() =>
        [.. new[] { _agent.Random, _secondary?.Agent.Random }.OfType<SeededRandom>()];
}
