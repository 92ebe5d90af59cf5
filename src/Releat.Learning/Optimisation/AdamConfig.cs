namespace Releat.Learning.Optimisation;

/// <summary>Adam's settings (Kingma &amp; Ba 2015); WeightDecay &gt; 0 makes it AdamW (decoupled, Loshchilov &amp; Hutter 2019).</summary>
public sealed record AdamConfig(double LearningRate = 2.5e-4, double Beta1 = 0.9, double Beta2 = 0.999, double Eps = 1e-8, double WeightDecay = 0.0);
