namespace Releat.Features.Bars;

/// <summary>The most recent closed steps of one symbol, addressed by absolute step index (a ring buffer).</summary>
internal sealed class StepHistory(int capacity)
{
    private readonly StepSummary[] _steps = new StepSummary[capacity];

    public int Capacity => _steps.Length;

    public ref readonly StepSummary this[long stepIndex] => ref _steps[Slot(stepIndex)];

    public void Store(long stepIndex, in StepSummary step) => _steps[Slot(stepIndex)] = step;

    private int Slot(long stepIndex) => (int)(((stepIndex % _steps.Length) + _steps.Length) % _steps.Length);
}
