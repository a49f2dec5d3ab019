using MecActors.Core.Network;
using MecActors.Core.Randomness;
using MecActors.Core.Scenarios;
using MecActors.Core.Tests.Scenarios;
using MecActors.Core.Workload;
using Xunit;

namespace MecActors.Core.Tests.Workload;

/// <summary>How each arrival kind generates a device's tasks of a slot: counts, offsets, ids, deadlines and accuracy requirements.</summary>
public class ArrivalTests
{
    private const int Seed = 7;

    private static readonly ScenarioSpec Joint = ScenarioFiles.Load(ScenarioFiles.JointCachingConfig());

    private static ScenarioSpec With(WorkloadSpec workload, double slotSeconds = 1.0) =>
        Joint with { Workload = workload, SlotSeconds = slotSeconds };

    private static WorkloadSpec Poisson(double rate) => Joint.Workload with { TaskProbability = 0, Arrivals = ArrivalKind.Poisson, RatePerSecond = rate };

    private static WorkloadSpec Periodic(double frame) => Joint.Workload with { TaskProbability = 0, Arrivals = ArrivalKind.Periodic, FrameSeconds = frame };

    private static double[] Uniform(ScenarioSpec scenario) => Enumerable.Repeat(1.0 / scenario.Models.Count, scenario.Models.Count).ToArray();

    [Fact]
    public void Bernoulli_draws_what_one_task_per_slot_always_drew_active_model_input_fading()
    {
        var scenario = With(Joint.Workload with { TaskProbability = 0.6 });
        var popularity = Uniform(scenario);
        const int device = 4;
        var workload = new DeviceWorkload(scenario, device, Seed);

        // The stream as the generator of paper 000 read it: the distance, then per slot active, model, input, fading.
        var stream = RandomStream.For(Seed, StreamKind.Device, device);
        var distance = stream.Uniform(scenario.Radio.MinDistanceM, scenario.Radio.MaxDistanceM);
        var band = scenario.Edges[workload.LocalEdge].BandwidthHz / scenario.DevicesInCell(workload.LocalEdge);
        var idle = 0;
        for (var slot = 1; slot <= 40; slot++)
        {
            var active = stream.NextDouble();
            var model = PopularityProcess.Sample(popularity, stream.NextDouble());
            var input = stream.Uniform(scenario.Workload.InputMinBits, scenario.Workload.InputMaxBits);
            var gain = Radio.PathGain(scenario.Radio, distance) * (scenario.Radio.RayleighFading ? stream.Exponential() : 1.0);

            var tasks = workload.Generate(slot, popularity);

            if (active >= 0.6)
            {
                Assert.Empty(tasks);
                idle++;
                continue;
            }

            var task = Assert.Single(tasks);
            var efficiency = Radio.SpectralEfficiency(scenario.Radio, gain, band);
            var expected = new TaskRequest(
                ((slot - 1) * scenario.DeviceCount) + device, slot, device, workload.LocalEdge, model, input, gain, efficiency, band * efficiency,
                (slot - 1) * scenario.SlotSeconds, scenario.Workload.DeadlineSeconds);
            Assert.Equal(expected, task);
        }

        Assert.InRange(idle, 5, 30);
        Assert.Equal(1, workload.MaxTasksPerSlot);
    }

    [Fact]
    public void Poisson_counts_have_the_rate_times_the_slot_as_mean_and_variance_with_offsets_spread_over_the_slot()
    {
        // Rate 4 per second over 0.5 s slots: N ~ Poisson(2) per slot.
        var scenario = With(Poisson(4.0), slotSeconds: 0.5);
        var popularity = Uniform(scenario);
        var counts = new List<int>();
        var offsets = new List<double>();
        var firsts = new List<double>();
        for (var device = 0; device < scenario.DeviceCount; device++)
        {
            var workload = new DeviceWorkload(scenario, device, Seed);
            for (var slot = 1; slot <= 200; slot++)
            {
                var tasks = workload.Generate(slot, popularity);
                counts.Add(tasks.Length);
                var start = (slot - 1) * 0.5;
                for (var k = 0; k < tasks.Length; k++)
                {
                    Assert.InRange(tasks[k].ArrivalOffset, 0.0, 0.5);
                    Assert.True(tasks[k].ArrivalOffset < 0.5);
                    Assert.Equal(start + tasks[k].ArrivalOffset, tasks[k].ReleaseTime, 1e-12);
                    Assert.True(tasks[k].ReleaseTime < slot * 0.5);
                    if (k > 0)
                    {
                        Assert.True(tasks[k].ArrivalOffset > tasks[k - 1].ArrivalOffset, "arrivals out of order");
                    }

                    offsets.Add(tasks[k].ArrivalOffset);
                }

                if (tasks.Length > 0)
                {
                    firsts.Add(tasks[0].ArrivalOffset);
                }
            }
        }

        // 6,000 device-slots: the mean count is 2 within ~5 standard errors (sqrt(2 / 6000) = 0.018), the variance too.
        var n = counts.Count;
        var mean = counts.Average();
        var variance = counts.Sum(c => (c - mean) * (c - mean)) / (n - 1);
        Assert.InRange(mean, 1.91, 2.09);
        Assert.InRange(variance, 1.8, 2.2);

        // P(N = 0) = e^-2 = 0.1353.
        Assert.InRange(counts.Count(c => c == 0) / (double)n, 0.12, 0.15);

        // Given N, arrivals are uniform over the slot: mean offset tau / 2.
        Assert.InRange(offsets.Average(), 0.24, 0.26);

        // The first arrival is Exp(4) truncated to the slot: E = 1/4 - 0.5 e^-2 / (1 - e^-2) = 0.1717.
        Assert.InRange(firsts.Average(), 0.162, 0.182);
        Assert.Equal(TaskArrivals.PoissonBound(2.0), new DeviceWorkload(scenario, 0, Seed).MaxTasksPerSlot);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.0)]
    [InlineData(30.0)]
    [InlineData(400.0)]
    public void The_poisson_bound_is_the_smallest_count_whose_tail_is_below_the_threshold(double mean)
    {
        var bound = TaskArrivals.PoissonBound(mean);

        // Tails summed directly from the pmf (log domain), highest terms last.
        double Tail(int above)
        {
            var sum = 0.0;
            var top = (int)(mean + (60 * Math.Sqrt(mean)) + 200);
            for (var k = top; k > above; k--)
            {
                var log = -mean + (k * Math.Log(mean));
                for (var j = 2; j <= k; j++)
                {
                    log -= Math.Log(j);
                }

                sum += Math.Exp(log);
            }

            return sum;
        }

        Assert.True(Tail(bound) < TaskArrivals.PoissonTail, $"P(N > {bound}) = {Tail(bound)}");
        Assert.True(bound == 1 || Tail(bound - 1) >= TaskArrivals.PoissonTail, $"P(N > {bound - 1}) = {Tail(bound - 1)}");
    }

    [Fact]
    public void Periodic_frames_come_every_period_from_the_device_phase_with_every_frame_in_exactly_one_slot()
    {
        // 30 fps over 100 ms slots: 3 or 4 frames a slot (1/30 s does not divide 0.1 s exactly in binary).
        const double frame = 1.0 / 30.0;
        const double tau = 0.1;
        var scenario = With(Periodic(frame), slotSeconds: tau);
        var popularity = Uniform(scenario);
        var phases = new HashSet<double>();
        for (var device = 0; device < 6; device++)
        {
            var workload = new DeviceWorkload(scenario, device, Seed);
            Assert.InRange(workload.Phase, 0.0, frame);
            phases.Add(workload.Phase);
            Assert.Equal(4, workload.MaxTasksPerSlot);

            var k = 0L;
            for (var slot = 1; slot <= 60; slot++)
            {
                var tasks = workload.Generate(slot, popularity);
                Assert.InRange(tasks.Length, 2, 4);
                for (var i = 0; i < tasks.Length; i++, k++)
                {
                    // Frame k of the device, in order, none skipped, none twice.
                    Assert.Equal(workload.Phase + (k * frame), tasks[i].ReleaseTime);
                    Assert.InRange(tasks[i].ArrivalOffset, 0.0, tau);
                    Assert.True(tasks[i].ReleaseTime < slot * tau && tasks[i].ReleaseTime >= (slot - 1) * tau);
                    Assert.Equal(((((slot - 1) * (long)scenario.DeviceCount) + device) * 4) + i, tasks[i].TaskId);
                }
            }

            // 6 s of frames at 30 fps from a phase in [0, 1/30): 180 frames.
            Assert.Equal(180, k);
        }

        Assert.Equal(6, phases.Count);
    }

    [Fact]
    public void Ids_are_unique_and_increase_with_slot_device_and_place_in_the_slot()
    {
        var scenario = With(Poisson(3.0));
        var popularity = Uniform(scenario);
        var devices = Enumerable.Range(0, scenario.DeviceCount).Select(u => new DeviceWorkload(scenario, u, Seed)).ToArray();
        var last = -1L;
        var total = 0;
        for (var slot = 1; slot <= 20; slot++)
        {
            foreach (var device in devices)
            {
                foreach (var task in device.Generate(slot, popularity))
                {
                    Assert.True(task.TaskId > last, $"id {task.TaskId} after {last}");
                    Assert.Equal((slot, device.Device), (task.Slot, task.Device));
                    Assert.Equal(((slot - 1) * scenario.DeviceCount) + device.Device, task.TaskId / device.MaxTasksPerSlot);
                    last = task.TaskId;
                    total++;
                }
            }
        }

        Assert.InRange(total, 1500, 2100);
    }

    [Fact]
    public void The_same_seed_gives_the_same_tasks_and_a_device_rebuilt_mid_run_resumes_its_stream()
    {
        var workload = Poisson(2.0) with { DeadlineSeconds = 0.5, DeadlineMaxSeconds = 1.5, AccuracyRequirementMin = 0.5, AccuracyRequirementMax = 0.9 };
        foreach (var spec in new[] { workload, Periodic(0.3) with { DeadlineMaxSeconds = 3.0 }, Joint.Workload with { TaskProbability = 0.5, AccuracyRequirementMax = 0.8 } })
        {
            var scenario = With(spec);
            var popularity = Uniform(scenario);
            var a = new DeviceWorkload(scenario, 3, Seed);
            var b = new DeviceWorkload(scenario, 3, Seed);
            var rebuilt = new DeviceWorkload(scenario, 3, Seed);
            rebuilt.Skip(6);
            for (var slot = 1; slot <= 12; slot++)
            {
                var tasks = a.Generate(slot, popularity);
                Assert.Equal(tasks, b.Generate(slot, popularity));
                if (slot > 6)
                {
                    Assert.Equal(tasks, rebuilt.Generate(slot, popularity));
                }
            }
        }
    }

    [Fact]
    public void Deadlines_and_accuracy_requirements_are_drawn_per_task_within_their_ranges_or_fixed()
    {
        var ranged = With(Poisson(5.0) with { DeadlineSeconds = 0.2, DeadlineMaxSeconds = 0.8, AccuracyRequirementMin = 0.6, AccuracyRequirementMax = 0.9 });
        var popularity = Uniform(ranged);
        var tasks = Enumerable.Range(0, 10).SelectMany(u =>
        {
            var device = new DeviceWorkload(ranged, u, Seed);
            return Enumerable.Range(1, 10).SelectMany(t => device.Generate(t, popularity));
        }).ToList();

        Assert.True(tasks.Count > 300);
        Assert.All(tasks, t => Assert.InRange(t.DeadlineSeconds, 0.2, 0.8));
        Assert.All(tasks, t => Assert.InRange(t.MinAccuracy, 0.6, 0.9));
        Assert.InRange(tasks.Average(t => t.DeadlineSeconds), 0.45, 0.55);
        Assert.InRange(tasks.Average(t => t.MinAccuracy), 0.71, 0.79);

        var fixedOnes = With(Poisson(5.0) with { DeadlineSeconds = 0.3, DeadlineMaxSeconds = 0.3, AccuracyRequirementMin = 0.7, AccuracyRequirementMax = 0.7 });
        var device = new DeviceWorkload(fixedOnes, 2, Seed);
        var same = Enumerable.Range(1, 10).SelectMany(t => device.Generate(t, popularity)).ToList();
        Assert.NotEmpty(same);
        Assert.All(same, t => Assert.Equal((0.3, 0.7), (t.DeadlineSeconds, t.MinAccuracy)));
    }

    [Fact]
    public void A_normal_accuracy_requirement_is_drawn_per_task_with_its_mean_and_deviation()
    {
        var normal = With(Poisson(5.0) with { AccuracyRequirementMean = 0.625, AccuracyRequirementSd = 0.053 });
        var popularity = Uniform(normal);
        var requirements = Enumerable.Range(0, 20).SelectMany(u =>
        {
            var device = new DeviceWorkload(normal, u, Seed);
            return Enumerable.Range(1, 40).SelectMany(t => device.Generate(t, popularity));
        }).Select(t => t.MinAccuracy).ToList();

        Assert.True(requirements.Count > 3000);
        var mean = requirements.Average();
        var sd = Math.Sqrt(requirements.Sum(a => (a - mean) * (a - mean)) / (requirements.Count - 1));

        // Bounds of about four standard errors: 0.053 / sqrt(4000) for the mean, 0.053 / sqrt(2 x 4000) for the deviation.
        Assert.InRange(mean, 0.625 - 0.0035, 0.625 + 0.0035);
        Assert.InRange(sd, 0.053 - 0.0025, 0.053 + 0.0025);
        Assert.True(requirements.Distinct().Count() == requirements.Count);
    }
}
