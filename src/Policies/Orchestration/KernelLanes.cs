using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MecActors.Policies.Orchestration;

/// <summary>
/// The vector operations of the enumeration's second-layer kernel, for one register width, so that one kernel serves
/// 256- and 512-bit registers. Every operation is element-wise with one rounding each (a product, then a sum, never
/// fused), so a result has the same bits whatever the width.
/// </summary>
internal interface IKernelLanes<TSelf>
    where TSelf : struct, IKernelLanes<TSelf>
{
    static abstract int Count { get; }

    static abstract bool IsAccelerated { get; }

    static abstract TSelf Load(ref double source);

    static abstract TSelf Broadcast(double value);

    /// <summary><paramref name="sum"/> + <paramref name="row"/> × <paramref name="factor"/>, the product rounded before the sum.</summary>
    static abstract TSelf MultiplyThenAdd(TSelf sum, TSelf row, TSelf factor);

    /// <summary>max(x, 0) element-wise; the sign of a zero is not kept.</summary>
    static abstract TSelf Relu(TSelf value);

    static abstract void Store(TSelf value, ref double destination);
}

internal readonly struct Lanes256(Vector256<double> value) : IKernelLanes<Lanes256>
{
    private readonly Vector256<double> _value = value;

    public static int Count => Vector256<double>.Count;

    public static bool IsAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref double source) => new(Vector256.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Broadcast(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 MultiplyThenAdd(Lanes256 sum, Lanes256 row, Lanes256 factor) => new(sum._value + (row._value * factor._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Relu(Lanes256 value) => new(Vector256.MaxNative(value._value, Vector256<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256 value, ref double destination) => value._value.StoreUnsafe(ref destination);
}

internal readonly struct Lanes512(Vector512<double> value) : IKernelLanes<Lanes512>
{
    private readonly Vector512<double> _value = value;

    public static int Count => Vector512<double>.Count;

    public static bool IsAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref double source) => new(Vector512.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Broadcast(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 MultiplyThenAdd(Lanes512 sum, Lanes512 row, Lanes512 factor) => new(sum._value + (row._value * factor._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Relu(Lanes512 value) => new(Vector512.MaxNative(value._value, Vector512<double>.Zero));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512 value, ref double destination) => value._value.StoreUnsafe(ref destination);
}
