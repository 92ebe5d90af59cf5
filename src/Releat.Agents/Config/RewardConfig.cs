namespace Releat.Agents.Config;

/// <summary>Reward = clamp(profit in pips · <see cref="Scaling"/>, -<see cref="Clip"/>, +<see cref="Clip"/>).</summary>
public sealed record RewardConfig(double Scaling, double Clip);
