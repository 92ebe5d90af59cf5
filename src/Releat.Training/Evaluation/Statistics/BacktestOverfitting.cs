namespace Releat.Training.Evaluation.Statistics;

/// <summary>
/// The probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein, López de
/// Prado and Zhu, 2015). The trials' period returns, aligned in time, are cut into S equal blocks; for every way of
/// choosing S/2 blocks as "in sample" (the rest out of sample) the trial with the best in-sample Sharpe ratio is
/// found and its out-of-sample rank among all trials taken as a logit. The probability of overfitting is the share of
/// splits in which the in-sample winner ranks at or below the out-of-sample median: near 0.5 or above, picking the
/// best trial of the search is no better than picking one at random.
/// </summary>
public sealed record BacktestOverfitting(double Probability, int Splits, int Combinations, double MedianLogit)
{
    public const int DefaultSplits = 16;

    /// <summary>
    /// PBO of a set of trials. <paramref name="trialReturns"/> holds one series per trial, all of the same length (the
    /// same periods); S is reduced to an even number of blocks of at least two periods each when the series are short.
    /// </summary>
    public static BacktestOverfitting Estimate(IReadOnlyList<double[]> trialReturns, int splits = DefaultSplits)
    {
        ArgumentNullException.ThrowIfNull(trialReturns);
        int trials = trialReturns.Count;
        if (trials < 2)
        {
            throw new ArgumentException("the probability of backtest overfitting needs at least two trials", nameof(trialReturns));
        }

        int length = trialReturns[0].Length;
        if (trialReturns.Any(r => r.Length != length))
        {
            throw new ArgumentException("every trial's returns must cover the same periods (equal lengths)", nameof(trialReturns));
        }

        int blocks = Math.Min(splits, length / 2) & ~1;
        if (blocks < 2)
        {
            throw new ArgumentException($"{length} periods are too few to split for cross-validation (at least 4 needed)", nameof(trialReturns));
        }

        // Per trial and block: sum, sum of squares and count, so each split's Sharpe ratios are sums over blocks.
        int blockLength = length / blocks;
        var sums = new double[trials, blocks];
        var squares = new double[trials, blocks];
        for (int t = 0; t < trials; t++)
        {
            for (int b = 0; b < blocks; b++)
            {
                for (int i = b * blockLength; i < (b + 1) * blockLength; i++)
                {
                    double v = trialReturns[t][i];
                    sums[t, b] += v;
                    squares[t, b] += v * v;
                }
            }
        }

        var logits = new List<double>();
        int overfit = 0;
        var inSample = new bool[blocks];
        var outOfSample = new double[trials];
        foreach (int[] chosen in Subsets(blocks, blocks / 2))
        {
            Array.Clear(inSample);
            foreach (int b in chosen)
            {
                inSample[b] = true;
            }

            int best = 0;
            double bestSharpe = double.NegativeInfinity;
            for (int t = 0; t < trials; t++)
            {
                double isSharpe = Sharpe(sums, squares, t, inSample, true, blockLength);
                if (isSharpe > bestSharpe)
                {
                    bestSharpe = isSharpe;
                    best = t;
                }

                outOfSample[t] = Sharpe(sums, squares, t, inSample, false, blockLength);
            }

            // Rank of the in-sample winner out of sample, 1 = worst; ties share the average rank.
            double below = 0, ties = 0;
            for (int t = 0; t < trials; t++)
            {
                if (outOfSample[t] < outOfSample[best])
                {
                    below++;
                }
                else if (t != best && outOfSample[t] == outOfSample[best])
                {
                    ties++;
                }
            }

            double omega = (below + 1 + (ties / 2)) / (trials + 1);
            double logit = Math.Log(omega / (1 - omega));
            logits.Add(logit);
            if (logit <= 0)
            {
                overfit++;
            }
        }

        logits.Sort();
        return new BacktestOverfitting((double)overfit / logits.Count, blocks, logits.Count, BlockBootstrap.Quantile(logits.ToArray(), 0.5));
    }

    private static double Sharpe(double[,] sums, double[,] squares, int trial, bool[] inSample, bool side, int blockLength)
    {
        double sum = 0, square = 0;
        int n = 0;
        for (int b = 0; b < inSample.Length; b++)
        {
            if (inSample[b] == side)
            {
                sum += sums[trial, b];
                square += squares[trial, b];
                n += blockLength;
            }
        }

        double mean = sum / n;
        double variance = ((square / n) - (mean * mean)) * n / Math.Max(1, n - 1);
        return variance > 1e-18 ? mean / Math.Sqrt(variance) : (mean > 0 ? double.MaxValue : mean < 0 ? double.MinValue : 0);
    }

    /// <summary>Every k-subset of 0..n-1 in lexicographic order.</summary>
    private static IEnumerable<int[]> Subsets(int n, int k)
    {
        int[] index = [.. Enumerable.Range(0, k)];
        while (true)
        {
            yield return index;
            int i = k - 1;
            while (i >= 0 && index[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            index[i]++;
            for (int j = i + 1; j < k; j++)
            {
                index[j] = index[j - 1] + 1;
            }
        }
    }
}
