using Releat.Learning.Layers;

namespace Releat.Learning.Models;

/// <summary>
/// The shape of the reference trading agent: one input variable per feature-window group (lags × features,
/// flattened) plus extra variables such as time of day and position; each encoded by a GRN of
/// <see cref="EncoderWidth"/> with <see cref="EncoderActivation"/>, combined by variable selection (its selector GRN
/// of <see cref="SelectorHiddenWidth"/>), then separate actor and critic MLP heads: two hidden layers of
/// <see cref="HeadHidden"/>, or the widths in <see cref="ActorHidden"/> and <see cref="CriticHidden"/> when given, with
/// <see cref="ActorActivation"/> and <see cref="CriticActivation"/> (an agent config's model section).
/// Checkpoints store the spec as JSON; the fields added later default to what networks were before them (ELU
/// encoders, a selector as wide as the encoders, tanh heads), so an older spec still builds the network it trained.
/// </summary>
public sealed record TradingAgentSpec(
    IReadOnlyList<int> VariableSizes,
    int ActionCount = 9,
    int EncoderWidth = 32,
    int HeadHidden = 64,
    double Dropout = 0.1,
    IReadOnlyList<int>? ActorHidden = null,
    IReadOnlyList<int>? CriticHidden = null,
    ActivationFunction EncoderActivation = ActivationFunction.Elu,
    int? SelectorHidden = null,
    ActivationFunction ActorActivation = ActivationFunction.Tanh,
    ActivationFunction CriticActivation = ActivationFunction.Tanh)
{
    /// <summary>The actor's hidden widths: <see cref="ActorHidden"/>, or two of <see cref="HeadHidden"/>.</summary>
    public IReadOnlyList<int> ActorLayers => ActorHidden ?? [HeadHidden, HeadHidden];

    /// <summary>The critic's hidden widths: <see cref="CriticHidden"/>, or two of <see cref="HeadHidden"/>.</summary>
    public IReadOnlyList<int> CriticLayers => CriticHidden ?? [HeadHidden, HeadHidden];

    /// <summary>The hidden width of the variable selector's GRN: <see cref="SelectorHidden"/>, or <see cref="EncoderWidth"/>.</summary>
    public int SelectorHiddenWidth => SelectorHidden ?? EncoderWidth;

    /// <summary>Values in one observation row: the variables' sizes added up.</summary>
    public int ObservationSize
    {
        get
        {
            int total = 0;
            for (int i = 0; i < VariableSizes.Count; i++)
            {
                total += VariableSizes[i];
            }

            return total;
        }
    }
}
