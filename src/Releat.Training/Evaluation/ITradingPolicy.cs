using Releat.Trading;

namespace Releat.Training.Evaluation;

/// <summary>Chooses an allowed action at each decision of a backtest: the trained agent or a baseline.</summary>
public interface ITradingPolicy
{
    string Name { get; }

    /// <summary>Called once before a backtest starts.</summary>
    void Reset();

    /// <summary>An action the mask allows, given the environment at the decision (its row, position and tape).</summary>
    int Choose(TradingEnvironment environment, ReadOnlySpan<float> observation, ReadOnlySpan<bool> mask);
}
