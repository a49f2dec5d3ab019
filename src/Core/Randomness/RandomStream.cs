namespace MecActors.Core.Randomness;

/// <summary>
/// A seeded xoshiro256** generator. Every entity draws from its own stream derived from
/// (run seed, entity kind, entity id), so adding a device never changes another device's draws.
/// Subclasses <see cref="Random"/> so MathNet distributions can take it.
/// </summary>
public sealed class RandomStream : Random
{
    private ulong _s0, _s1, _s2, _s3;

    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The stream of entity (kind, id) under a run seed.</summary>
    public static RandomStream For(int seed, StreamKind kind, int id)
    {
        var x = (ulong)(uint)seed;
        var mixed = SplitMix(ref x) ^ ((ulong)kind << 48) ^ (ulong)(uint)id * 0x9E3779B97F4A7C15UL;
        return new RandomStream(mixed);
    }

    /// <summary>
    /// The stream of entity (kind, id) in workload episode <paramref name="episode"/> (1, 2, ...): independent of
    /// episode 0's stream and of every other episode's, so training episodes never replay the evaluation workload.
    /// </summary>
    public static RandomStream For(int seed, StreamKind kind, int id, int episode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(episode, 1);
        var e = (ulong)(uint)episode;
        var salt = SplitMix(ref e);
        var x = (ulong)(uint)seed;
        var mixed = SplitMix(ref x) ^ ((ulong)kind << 48) ^ (ulong)(uint)id * 0x9E3779B97F4A7C15UL ^ salt;
        return new RandomStream(mixed);
    }

    /// <summary>
    /// The stream of one draw of entity (kind, id), identified by <paramref name="key"/> (a slot, a task id), in workload
    /// episode <paramref name="episode"/> (0: the evaluation workload): for conditions drawn where they are needed, by
    /// whichever driver needs them, so no draw depends on the order in which entities are visited.
    /// </summary>
    public static RandomStream ForKey(int seed, StreamKind kind, int id, int episode, long key)
    {
        var e = (ulong)(uint)episode;
        var k = (ulong)key;
        var x = (ulong)(uint)seed;
        var mixed = SplitMix(ref x) ^ ((ulong)kind << 48) ^ (ulong)(uint)id * 0x9E3779B97F4A7C15UL ^ SplitMix(ref e) ^ SplitMix(ref k) * 0xD1B54A32D192ED03UL;
        return new RandomStream(mixed);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Writes the stream's position, so that <see cref="ReadState"/> can go on from it.</summary>
    public void WriteState(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_s0);
        writer.Write(_s1);
        writer.Write(_s2);
        writer.Write(_s3);
    }

    /// <summary>Moves the stream to a position written by <see cref="WriteState"/>.</summary>
    public void ReadState(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        (_s0, _s1, _s2, _s3) = (reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64(), reader.ReadUInt64());
    }

    public override double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    protected override double Sample() => NextDouble();

    public override int Next() => (int)(NextUInt64() >> 33);

    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return maxValue == 0 ? 0 : (int)((NextUInt64() >> 32) * (ulong)maxValue >> 32);
    }

    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + (int)((NextUInt64() >> 32) * (ulong)((long)maxValue - minValue) >> 32);
    }

    public override void NextBytes(byte[] buffer)
    {
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (byte)(NextUInt64() >> 56);
        }
    }

    public double Uniform(double min, double max) => min + (max - min) * NextDouble();

    /// <summary>Exp(1) draw: the power gain of a Rayleigh-faded channel.</summary>
    public double Exponential() => -Math.Log(1.0 - NextDouble());

    /// <summary>A standard normal draw (Box-Muller, two uniforms per draw).</summary>
    public double StandardNormal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The kinds of entity that own a random stream.</summary>
public enum StreamKind
{
    Device = 1,
    Popularity = 2,
    Policy = 3,
    Caching = 4,
    Scenario = 5,

    /// <summary>An edge's available share of its capacity, per slot.</summary>
    EdgeAvailability = 6,

    /// <summary>A task's compute-time fluctuation, per compute stage.</summary>
    ComputeFluctuation = 7,

    /// <summary>The error of a device's channel estimate, per task (imperfect CSI).</summary>
    ChannelEstimate = 8,

    /// <summary>Whether a transfer's attempt is lost on a lossy link (a fault plan's link-loss), per task, stage and attempt.</summary>
    LinkLoss = 9,

    /// <summary>A device's background CPU load, per slot.</summary>
    DeviceAvailability = 10,

    /// <summary>The cloud's background CPU load, per slot.</summary>
    CloudAvailability = 11,

    /// <summary>A node's background memory load, per slot (devices, then edges, then the cloud).</summary>
    MemoryLoad = 12,

    /// <summary>Whether a device is on, per slot.</summary>
    UserActivity = 13,

    /// <summary>Whether a device's radio link switches condition, per slot.</summary>
    DeviceLink = 14,

    /// <summary>Whether an edge's link up to the cloud switches condition, per slot.</summary>
    CloudUplink = 15,
}
