import { notifications } from '@mantine/notifications';

/** A green notification that closes itself. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'green', title: 'Done', message, autoClose: 4000 });
}

/** A red notification with the server's reason; it stays until closed so the reason can be read. */
export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: error instanceof Error ? error.message : String(error), autoClose: false });
}
