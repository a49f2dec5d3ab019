using MecActors.Core.Scenarios;

namespace MecActors.Actors.Realtime;

/// <summary>
/// One queue in measured time (simulated seconds read from the realtime clock): when a job is admitted, it gets
/// its start and end from the same rules as the virtual stations. FIFO over k servers of capacity / k each:
/// start = max(now, free-at of the first free server); dedicated: start = now at capacity x share; equal
/// share per slot: start = now at capacity / K. The caller holds the job until its end with a timer.
/// </summary>
internal sealed class WallStation
{
    private readonly Kind _kind;
    private readonly double _rate;
    private readonly double[] _freeAt;

    private WallStation(Kind kind, double rate, int servers)
    {
        _kind = kind;
        _rate = rate;
        _freeAt = new double[servers];
    }

    private enum Kind
    {
        Fifo,
        Dedicated,
        EqualSharePerSlot,
    }

    public static WallStation ForLink(LinkDiscipline discipline, double capacity, double dedicatedShare = 1.0) => discipline switch
    {
        LinkDiscipline.Fifo => new WallStation(Kind.Fifo, capacity, 1),
        LinkDiscipline.Dedicated => new WallStation(Kind.Dedicated, capacity * dedicatedShare, 1),
        _ => throw new ArgumentException($"the realtime clock does not implement the {discipline} link discipline"),
    };

    public static WallStation ForCompute(ComputeDiscipline discipline, double capacityHz, int cores) => discipline switch
    {
        ComputeDiscipline.Fifo => new WallStation(Kind.Fifo, capacityHz / cores, cores),
        ComputeDiscipline.EqualSharePerSlot => new WallStation(Kind.EqualSharePerSlot, capacityHz, 1),
        _ => throw new ArgumentException($"the realtime clock does not implement the {discipline} compute discipline"),
    };

    /// <summary>The earliest instant a new job could start (as <c>IStation.FreeAt</c>); only FIFO ever makes a job wait.</summary>
    public double FreeAt => _kind == Kind.Fifo ? _freeAt.Min() : 0.0;

    /// <summary>Admits a job of <paramref name="work"/> capacity-seconds at <paramref name="now"/>; <paramref name="batchSize"/> is K for the equal share.</summary>
    public (double Start, double End) Admit(double now, double work, int batchSize = 1)
    {
        switch (_kind)
        {
            case Kind.Dedicated:
                return (now, now + work / _rate);
            case Kind.EqualSharePerSlot:
                return (now, now + work / (_rate / Math.Max(batchSize, 1)));
            default:
                var server = 0;
                for (var s = 1; s < _freeAt.Length; s++)
                {
                    if (_freeAt[s] < _freeAt[server])
                    {
                        server = s;
                    }
                }

                var start = Math.Max(now, _freeAt[server]);
                var end = start + work / _rate;
                _freeAt[server] = end;
                return (start, end);
        }
    }
}
