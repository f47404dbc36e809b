using MailCheck.Cli;

return await CliApp.RunAsync(args).ConfigureAwait(false);
