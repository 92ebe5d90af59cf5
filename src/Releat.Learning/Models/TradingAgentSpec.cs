namespace Releat.Learning.Models;

/// <summary>
/// The shape of the reference trading agent: one input variable per feature-window group (lags × features,
/// flattened) plus extra variables such as time of day and position; each encoded by a GRN of
/// <see cref="EncoderWidth"/>, combined by variable selection, then separate actor and critic MLP heads.
/// </summary>
public sealed record TradingAgentSpec(
    IReadOnlyList<int> VariableSizes,
    int ActionCount = 9,
    int EncoderWidth = 32,
    int HeadHidden = 64,
    double Dropout = 0.1)
{
    public int ObservationSize => VariableSizes.Sum();
}
