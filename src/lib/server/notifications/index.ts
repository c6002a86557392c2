/** The notifications module: inbox items and e-mail (instant or daily digest) per type. */
export { notify, subjectKinds, type NotificationType, type Notification, type SubjectKind } from './notify';
export { notificationTypes, deliveryModes, modeDefaults, relevantTypes, isNotificationType, type DeliveryMode } from './types';
export { listInbox, markRead, markSubjectRead, unreadCount, withdrawNotifications, forgetNotifications, listInboxSchema, markReadSchema, type InboxItem } from './inbox';
export { getPreferences, setPreferences, setPreferencesSchema, type Preference, type PreferencesInput } from './preferences';
export { sendInstantMails, sendDigests, maxAttempts } from './send';
export { notificationJobs } from './jobs';
export { presentInboxItem, presentPreferences } from './presenters';
/** This module's part of the OpenAPI document (api/openapi.ts assembles them). */
export * as openapi from './openapi';
export { renderItem } from './render';
export { scrubNotificationParams, notificationData, switchOffEmail } from './privacy';
