using System.Buffers.Binary;
using Releat.Learning.Numerics;
using Releat.Randomness;

namespace Releat.Learning.Environments;

/// <summary>
/// CartPole-v1 (Barto, Sutton &amp; Anderson 1983, as in Gym): a pole hinged on a cart; push left (0) or right (1)
/// with force 10. Gravity 9.8, cart mass 1.0, pole mass 0.1, half-length 0.5, Euler steps of 0.02 s. The episode
/// terminates when |x| &gt; 2.4 or |θ| &gt; 12°, is truncated at 500 steps, and pays 1 per step. Initial state uniform
/// in ±0.05. Physics in double as the reference computes; observations as float.
/// </summary>
public sealed class CartPole : IEnvironment, ICheckpointableEnvironment
{
    public const int MaxEpisodeSteps = 500;
    private const double Gravity = 9.8;
    private const double CartMass = 1.0;
    private const double PoleMass = 0.1;
    private const double TotalMass = CartMass + PoleMass;
    private const double HalfLength = 0.5;
    private const double PoleMassLength = PoleMass * HalfLength;
    private const double ForceMagnitude = 10.0;
    private const double Tau = 0.02;
    private const double XThreshold = 2.4;
    private const double ThetaThreshold = 12 * 2 * Math.PI / 360;
    private const int StateBytes = (4 * sizeof(double)) + sizeof(int) + (4 * sizeof(ulong));

    private readonly SeededRandom _random;
    private double _x, _xDot, _theta, _thetaDot;
    private int _steps;

    public CartPole(ulong seed = 0) => _random = new SeededRandom(seed);

    public BoxSpace ObservationSpace { get; } = new([4]);

    public DiscreteSpace ActionSpace { get; } = new(2);

    public void Reset(ulong seed, Span<float> observation)
    {
        _random.Reseed(seed);
        Reset(observation);
    }

    public void Reset(Span<float> observation)
    {
        _x = _random.NextUniform(-0.05, 0.05);
        _xDot = _random.NextUniform(-0.05, 0.05);
        _theta = _random.NextUniform(-0.05, 0.05);
        _thetaDot = _random.NextUniform(-0.05, 0.05);
        _steps = 0;
        WriteObservation(observation);
    }

    public StepOutcome Step(int action, Span<float> observation)
    {
        if ((uint)action > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "CartPole: the action must be 0 (push left) or 1 (push right).");
        }

        double force = action == 1 ? ForceMagnitude : -ForceMagnitude;
        double cosTheta = Math.Cos(_theta), sinTheta = Math.Sin(_theta);
        double temp = (force + (PoleMassLength * _thetaDot * _thetaDot * sinTheta)) / TotalMass;
        double thetaAcc = ((Gravity * sinTheta) - (cosTheta * temp))
            / (HalfLength * ((4.0 / 3.0) - (PoleMass * cosTheta * cosTheta / TotalMass)));
        double xAcc = temp - (PoleMassLength * thetaAcc * cosTheta / TotalMass);

        // Explicit Euler: positions advance with the old velocities.
        _x += Tau * _xDot;
        _xDot += Tau * xAcc;
        _theta += Tau * _thetaDot;
        _thetaDot += Tau * thetaAcc;
        _steps++;

        WriteObservation(observation);
        bool terminated = Math.Abs(_x) > XThreshold || Math.Abs(_theta) > ThetaThreshold;
        bool truncated = _steps >= MaxEpisodeSteps;
        return new StepOutcome(1.0f, terminated, truncated);
    }

    public byte[] CaptureState()
    {
        byte[] state = new byte[StateBytes];
        Span<byte> s = state;
        BinaryPrimitives.WriteDoubleLittleEndian(s, _x);
        BinaryPrimitives.WriteDoubleLittleEndian(s[8..], _xDot);
        BinaryPrimitives.WriteDoubleLittleEndian(s[16..], _theta);
        BinaryPrimitives.WriteDoubleLittleEndian(s[24..], _thetaDot);
        BinaryPrimitives.WriteInt32LittleEndian(s[32..], _steps);
        RandomState r = _random.CaptureState();
        BinaryPrimitives.WriteUInt64LittleEndian(s[36..], r.S0);
        BinaryPrimitives.WriteUInt64LittleEndian(s[44..], r.S1);
        BinaryPrimitives.WriteUInt64LittleEndian(s[52..], r.S2);
        BinaryPrimitives.WriteUInt64LittleEndian(s[60..], r.S3);
        return state;
    }

    public void RestoreState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateBytes)
        {
            throw new ArgumentException($"CartPole.RestoreState: expected {StateBytes} bytes, got {state.Length}.", nameof(state));
        }

        _x = BinaryPrimitives.ReadDoubleLittleEndian(state);
        _xDot = BinaryPrimitives.ReadDoubleLittleEndian(state[8..]);
        _theta = BinaryPrimitives.ReadDoubleLittleEndian(state[16..]);
        _thetaDot = BinaryPrimitives.ReadDoubleLittleEndian(state[24..]);
        _steps = BinaryPrimitives.ReadInt32LittleEndian(state[32..]);
        _random.RestoreState(new RandomState(
            BinaryPrimitives.ReadUInt64LittleEndian(state[36..]),
            BinaryPrimitives.ReadUInt64LittleEndian(state[44..]),
            BinaryPrimitives.ReadUInt64LittleEndian(state[52..]),
            BinaryPrimitives.ReadUInt64LittleEndian(state[60..])));
    }

    private void WriteObservation(Span<float> observation)
    {
        observation[0] = (float)_x;
        observation[1] = (float)_xDot;
        observation[2] = (float)_theta;
        observation[3] = (float)_thetaDot;
    }
}
