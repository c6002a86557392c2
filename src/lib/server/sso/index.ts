/** Staff single sign-on with OpenID Connect: per corporation, for staff only. */
export { staffRoles, rolesFor, parseRoleMap, formatRoleMap, LOGIN_MINUTES, type RoleMap, type ProviderView } from './model';
export { saveSsoProvider, getSsoProvider, listSsoCorporations, saveProviderSchema } from './providers';
export { startSsoLogin, finishSsoLogin } from './login';
export { ssoPersonalData } from './privacy';
