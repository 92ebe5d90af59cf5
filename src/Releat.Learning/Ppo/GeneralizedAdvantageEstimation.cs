namespace Releat.Learning.Ppo;

/// <summary>
/// GAE (Schulman et al. 2016) over a [steps × envs] rollout, as CleanRL computes it: dones[t] marks that obs[t]
/// began a new episode, so the step after t is non-terminal when dones[t+1] (or next_done at the end) is false.
/// δₜ = rₜ + γ·V(sₜ₊₁)·nonterminal − V(sₜ); Aₜ = δₜ + γλ·nonterminal·Aₜ₊₁; returns = A + V.
/// </summary>
public static class GeneralizedAdvantageEstimation
{
    public static void Compute(
        ReadOnlySpan<float> rewards,
        ReadOnlySpan<float> values,
        ReadOnlySpan<bool> dones,
        ReadOnlySpan<float> nextValues,
        ReadOnlySpan<bool> nextDones,
        int numSteps,
        double gamma,
        double gaeLambda,
        Span<float> advantages,
        Span<float> returns)
    {
        int numEnvs = nextValues.Length;
        float g = (float)gamma, gl = (float)(gamma * gaeLambda);
        for (int env = 0; env < numEnvs; env++)
        {
            float lastGaeLambda = 0;
            for (int t = numSteps - 1; t >= 0; t--)
            {
                int at = (t * numEnvs) + env;
                float nextNonTerminal, nextValue;
                if (t == numSteps - 1)
                {
                    nextNonTerminal = nextDones[env] ? 0f : 1f;
                    nextValue = nextValues[env];
                }
                else
                {
                    nextNonTerminal = dones[at + numEnvs] ? 0f : 1f;
                    nextValue = values[at + numEnvs];
                }

                float delta = rewards[at] + (g * nextValue * nextNonTerminal) - values[at];
                lastGaeLambda = delta + (gl * nextNonTerminal * lastGaeLambda);
                advantages[at] = lastGaeLambda;
                returns[at] = lastGaeLambda + values[at];
            }
        }
    }
}
