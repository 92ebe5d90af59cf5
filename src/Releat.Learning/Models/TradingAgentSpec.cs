namespace Releat.Learning.Models;

/// <summary>
/// The shape of the reference trading agent: one input variable per feature-window group (lags × features,
/// flattened) plus extra variables such as time of day and position; each encoded by a GRN of
/// <see cref="EncoderWidth"/>, combined by variable selection, then separate actor and critic tanh MLP heads:
/// two hidden layers of <see cref="HeadHidden"/>, or the widths in <see cref="ActorHidden"/> and
/// <see cref="CriticHidden"/> when given (an agent config's model.actor.hidden and model.critic.hidden).
/// </summary>
public sealed record TradingAgentSpec(
    IReadOnlyList<int> VariableSizes,
    int ActionCount = 9,
    int EncoderWidth = 32,
    int HeadHidden = 64,
    double Dropout = 0.1,
    IReadOnlyList<int>? ActorHidden = null,
    IReadOnlyList<int>? CriticHidden = null)
{
    /// <summary>The actor's hidden widths: <see cref="ActorHidden"/>, or two of <see cref="HeadHidden"/>.</summary>
    public IReadOnlyList<int> ActorLayers => ActorHidden ?? [HeadHidden, HeadHidden];

    /// <summary>The critic's hidden widths: <see cref="CriticHidden"/>, or two of <see cref="HeadHidden"/>.</summary>
    public IReadOnlyList<int> CriticLayers => CriticHidden ?? [HeadHidden, HeadHidden];

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
