namespace Releat.Features.Bars;

/// <summary>The indices of the non-empty steps in a window, oldest first: the bar opens in the first, closes in the last.</summary>
internal sealed class StepQueue(int capacity)
{
    private readonly long[] _items = new long[capacity];
    private int _head;
    private int _count;

    public bool IsEmpty => _count == 0;

    public long First => _items[_head];

    public long Last => _items[Wrap(_head + _count - 1)];

    public void Push(long index)
    {
        if (_count == _items.Length)
        {
            throw new InvalidOperationException("step queue overflow: the window holds more steps than its capacity");
        }

        _items[Wrap(_head + _count)] = index;
        _count++;
    }

    public void Expire(long lastExpired)
    {
        while (_count > 0 && _items[_head] <= lastExpired)
        {
            _head = Wrap(_head + 1);
            _count--;
        }
    }

    private int Wrap(int i) => i >= _items.Length ? i - _items.Length : i;
}
