namespace Releat.Learning.Ppo;

/// <summary>The parts of <see cref="PpoConfig"/> the loss reads, under the literature's names.</summary>
public sealed record PpoLossCoefficients(double ClipCoef, bool ClipValueLoss, double EntCoef, double VfCoef);
