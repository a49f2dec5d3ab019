namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// The optional cloud of paper 001's latency model (the paper's experiments use the device and the edge only): a layer
/// there takes the edge regression's time divided by <paramref name="Speedup"/>; the cloud is reached from the edge over
/// a wired link of <paramref name="WiredBps"/> bit/s, both ways.
/// </summary>
public sealed record CloudTier(double Speedup, double WiredBps);
