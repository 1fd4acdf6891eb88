import { Alert, createTheme, Modal, Notification, TableScrollContainer } from '@mantine/core';
import type { CSSVariablesResolver } from '@mantine/core';

/**
 * Mantine's theme, with defaults that keep every page within WCAG AA as axe-core checks it: shade 8 of the
 * primary colour (white text on filled buttons above 4.5:1), close buttons with a name, alert titles in the
 * text colour (the coloured light-variant title is below 4.5:1), and wide tables that scroll in a focusable
 * container so keyboard users can scroll them too.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  components: {
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } }),
    Alert: Alert.extend({ styles: { title: { color: 'var(--mantine-color-text)' } } }),
    // A closed Select's options are rendered only once it opens. Mantine's Combobox keeps every closed dropdown
    // mounted (hidden) by default, so each Select on a page rendered all its options and measured its position at
    // mount: 7 on the host list. A plain object, not `Combobox.extend`, keeps Combobox out of the entry chunk.
    Combobox: { defaultProps: { keepMounted: false } },
    TableScrollContainer: TableScrollContainer.extend({ defaultProps: { type: 'native', tabIndex: 0 } }),
  },
});

/**
 * Darker dimmed text: Mantine's default (gray.6 on white, 3.9:1) fails WCAG AA contrast, which axe reports as
 * serious; gray.7 passes.
 */
export const cssVariables: CSSVariablesResolver = () => ({ variables: {}, light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' }, dark: {} });
