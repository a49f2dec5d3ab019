using FsCheck;
using FsCheck.Fluent;
using MecActors.Core.Queueing;
using Xunit;

namespace MecActors.Core.Tests.Queueing;

/// <summary>
/// A station's departures must not depend on how the timeline is cut into horizons, as long as every job
/// arriving before a horizon is offered before it: the property the slot waves rely on.
/// </summary>
public sealed class HorizonInvarianceProperties
{
    [Fact]
    public void Departures_do_not_depend_on_the_horizons_for_any_discipline()
    {
        var jobs = Gen.Choose(1, 25).SelectMany(n =>
            Gen.Zip(Gen.Choose(0, 400), Gen.Choose(1, 300)).ListOf(n));
        var property = Prop.ForAll(Arb.From(jobs), Arb.From(Gen.Choose(1, 6)), (raw, cuts) =>
        {
            foreach (var make in Makers)
            {
                var all = raw.Select((j, i) => new Job(i, j.Item1 / 100.0, j.Item2 / 100.0, 1)).ToList();
                var once = Run(make(), all, [double.PositiveInfinity]);
                var horizons = Enumerable.Range(1, cuts).Select(k => k * 4.0 / cuts).Append(double.PositiveInfinity).ToArray();
                var sliced = Run(make(), all, horizons);
                if (once.Count != all.Count || sliced.Count != all.Count)
                {
                    return false;
                }

                foreach (var d in once)
                {
                    var e = sliced[d.Key];
                    if (Math.Abs(d.Value.End - e.End) > 1e-9 || Math.Abs(d.Value.Start - e.Start) > 1e-9)
                    {
                        return false;
                    }
                }
            }

            return true;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);
    }

    private static readonly Func<IStation>[] Makers =
    [
        () => new DedicatedStation(2.0),
        () => new FifoStation(2.0),
        () => new FifoStation(3.0, 3),
        () => new ProcessorSharingStation(2.0),
        () => new ProcessorSharingStation(4.0, 2),
    ];

    /// <summary>Offers each job just before the first horizon it precedes, then advances.</summary>
    private static Dictionary<long, Departure> Run(IStation station, List<Job> jobs, double[] horizons)
    {
        var result = new Dictionary<long, Departure>();
        var output = new List<Departure>();
        var offered = new HashSet<long>();
        foreach (var h in horizons)
        {
            foreach (var job in jobs)
            {
                if (job.Arrival < h && offered.Add(job.Id))
                {
                    station.Arrive(job);
                }
            }

            output.Clear();
            station.Advance(h, output);
            foreach (var d in output)
            {
                result.Add(d.Id, d);
            }
        }

        return result;
    }
}
