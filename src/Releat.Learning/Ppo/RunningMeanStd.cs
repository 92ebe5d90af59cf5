namespace Releat.Learning.Ppo;

/// <summary>Running mean and variance merged batch by batch (Chan et al.'s parallel algorithm), as Gymnasium's RunningMeanStd, starting from count 1e-4.</summary>
public sealed class RunningMeanStd
{
    public double Mean { get; private set; }

    public double Variance { get; private set; } = 1.0;

    public double Count { get; private set; } = 1e-4;

    public void Update(ReadOnlySpan<double> batch)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        double batchMean = 0;
        foreach (double x in batch)
        {
            batchMean += x;
        }

        batchMean /= batch.Length;
        double batchVariance = 0;
        foreach (double x in batch)
        {
            batchVariance += (x - batchMean) * (x - batchMean);
        }

        batchVariance /= batch.Length;
        double delta = batchMean - Mean;
        double total = Count + batch.Length;
        double m2 = (Variance * Count) + (batchVariance * batch.Length) + (delta * delta * Count * batch.Length / total);
        Mean += delta * batch.Length / total;
        Variance = m2 / total;
        Count = total;
    }

    public void Restore(double mean, double variance, double count)
    {
        Mean = mean;
        Variance = variance;
        Count = count;
    }
}
