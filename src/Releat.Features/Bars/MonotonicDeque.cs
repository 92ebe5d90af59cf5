namespace Releat.Features.Bars;

/// <summary>
/// Sliding-window minimum (or maximum) in O(1) amortised per step: values that can never again be the extreme
/// (an older value beaten by a newer one) are dropped on push, expired values are dropped from the front.
/// Fixed capacity, no allocation after construction.
/// </summary>
internal sealed class MonotonicDeque(int capacity, bool keepMaximum)
{
    private readonly long[] _index = new long[capacity];
    private readonly long[] _value = new long[capacity];
    private int _head;
    private int _count;

    public bool IsEmpty => _count == 0;

    public long Extreme => _value[_head];

    public void Push(long index, long value)
    {
        while (_count > 0)
        {
            long back = _value[Wrap(_head + _count - 1)];
            bool dominated = keepMaximum ? back <= value : back >= value;
            if (!dominated)
            {
                break;
            }

            _count--;
        }

        if (_count == _index.Length)
        {
            throw new InvalidOperationException("monotonic deque overflow: the window holds more steps than its capacity");
        }

        int slot = Wrap(_head + _count);
        _index[slot] = index;
        _value[slot] = value;
        _count++;
    }

    /// <summary>Drops entries with index at or below <paramref name="lastExpired"/>.</summary>
    public void Expire(long lastExpired)
    {
        while (_count > 0 && _index[_head] <= lastExpired)
        {
            _head = Wrap(_head + 1);
            _count--;
        }
    }

    private int Wrap(int i) => i >= _index.Length ? i - _index.Length : i;
}
