using MecActors.Cli;

return await MecCli.RunAsync(args).ConfigureAwait(false);
