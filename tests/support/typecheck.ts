// Type-check a tsconfig project in-process and return its errors as `file:line message`, so a test can show them.
import { dirname, relative } from 'node:path';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;

export function loadTsconfig(configPath: string): ts.ParsedCommandLine {
  const cfg = ts.readConfigFile(configPath, ts.sys.readFile);
  if (cfg.error) throw new Error(ts.flattenDiagnosticMessageText(cfg.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(cfg.config, ts.sys, dirname(configPath));
}

export function typeErrors(configPath: string): string[] {
  const parsed = loadTsconfig(configPath);
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const where = d.file ? `${relative(root, d.file.fileName)}:${pos ? pos.line + 1 : ''} ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}
