namespace Releat.Features.Drivers;

/// <summary>The rows one chunk produced, held until the chunks before it have been written.</summary>
internal sealed class RawRowBlock(int width)
{
    private readonly List<long> _times = [];
    private readonly List<ExecutionRange> _executions = [];
    private float[] _values = new float[Math.Max(1, width) * 1024];

    public int Count => _times.Count;

    public long Ticks { get; set; }

    public void Add(long decisionTimeMs, ReadOnlySpan<float> raw)
    {
        int needed = (_times.Count + 1) * width;
        if (needed > _values.Length)
        {
            Array.Resize(ref _values, Math.Max(needed, _values.Length * 2));
        }

        raw[..width].CopyTo(_values.AsSpan(_times.Count * width));
        _times.Add(decisionTimeMs);
        _executions.Add(default);
    }

    public void SetExecution(int row, in ExecutionRange execution) => _executions[row] = execution;

    public void WriteTo(IRawRowSink sink)
    {
        for (int row = 0; row < _times.Count; row++)
        {
            sink.Append(_times[row], _values.AsSpan(row * width, width), _executions[row]);
        }
    }
}
