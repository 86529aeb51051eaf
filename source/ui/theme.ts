/**
 * Colours of the dashboard, and none at all under NO_COLOR (https://no-color.org: set
 * and not empty). Meaning never rests on colour alone: the current line has ▶, garbage
 * has ✗, cycles ⟲, weak references ⇢, the focused panel a double border.
 */
import { createContext } from 'react';

export type Theme = {
  /** Colour names for Ink's `color` prop; undefined: the terminal's default. */
  readonly accent: string | undefined;
  readonly focus: string | undefined;
  readonly border: string | undefined;
  readonly muted: string | undefined;
  readonly garbage: string | undefined;
  readonly cycle: string | undefined;
  readonly weak: string | undefined;
  readonly error: string | undefined;
  readonly good: string | undefined;
  readonly warn: string | undefined;
  /** Dim text is a style, not a colour, but NO_COLOR terminals often render it unreadably. */
  readonly dim: boolean;
};

export const COLOR_THEME: Theme = {
  accent: 'cyan',
  focus: 'cyan',
  border: 'gray',
  muted: 'gray',
  garbage: 'red',
  cycle: 'magenta',
  weak: 'blue',
  error: 'red',
  good: 'green',
  warn: 'yellow',
  dim: true,
};

export const NO_COLOR_THEME: Theme = {
  accent: undefined,
  focus: undefined,
  border: undefined,
  muted: undefined,
  garbage: undefined,
  cycle: undefined,
  weak: undefined,
  error: undefined,
  good: undefined,
  warn: undefined,
  dim: false,
};

/** NO_COLOR is honoured when present and not empty. */
export function themeFromEnv(env: NodeJS.ProcessEnv = process.env): Theme {
  return env['NO_COLOR'] ? NO_COLOR_THEME : COLOR_THEME;
}

export const ThemeContext = createContext<Theme>(COLOR_THEME);
